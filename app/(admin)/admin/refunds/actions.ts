'use server';

import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { refundDecisionSchema } from '@/lib/refunds/schemas';
import { approveRefund, rejectRefund } from '@/lib/refunds/service';
import { AppError } from '@/lib/errors';

/** Approve (re-checks, credits, voids, promotes the queue) or reject a refund request, with a reason (audited). */
export const decideRefundAction = defineAction({
  schema: refundDecisionSchema,
  permission: 'admin',
  run: async ({ input, user }) => {
    if (input.decision === 'reject') {
      const r = await rejectRefund(db, { requestId: input.requestId, adminUserId: user.id, reason: input.reason });
      return { accountId: r.accountId, outcome: 'rejected' as const, message: 'Request rejected; the customer sees the reason.' };
    }
    const r = await approveRefund(db, { requestId: input.requestId, adminUserId: user.id, reason: input.reason });
    if (r.outcome === 'refused') {
      // The request is closed as rejected; tell the admin why instead of pretending success.
      throw new AppError('INVALID_STATE', `Not refunded: ${r.reason} The request was closed as rejected.`);
    }
    return { accountId: r.request.accountId, outcome: 'approved' as const, message: 'Approved: the amount is back in the balance and the package is void.' };
  },
  revalidate: (d) => ['/admin/refunds', `/admin/accounts/${d.accountId}`, '/admin/audit'],
  successMessage: (d) => d.message,
});
