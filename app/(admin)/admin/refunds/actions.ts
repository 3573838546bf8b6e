'use server';

import { redirect } from 'next/navigation';
import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { refundDecisionSchema } from '@/lib/refunds/schemas';
import { approveRefund, rejectRefund } from '@/lib/refunds/service';

/**
 * Approve (re-checks, credits, voids, promotes the queue) or reject a refund request, with a
 * reason (audited). The queue page then shows the outcome of `?decided=<id>`, including an
 * approval the re-check refused.
 */
export const decideRefundAction = defineAction({
  schema: refundDecisionSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    if (input.decision === 'reject') {
      await rejectRefund(db, { requestId: input.requestId, adminUserId: user.id, reason: input.reason });
    } else {
      await approveRefund(db, { requestId: input.requestId, adminUserId: user.id, reason: input.reason });
    }
    redirect(`/admin/refunds?decided=${input.requestId}`);
  },
});
