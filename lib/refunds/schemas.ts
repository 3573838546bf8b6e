import { z } from 'zod';
import { reasonSchema } from '@/lib/admin/schemas';

export const requestRefundSchema = z.object({
  packageId: z.uuid({ error: 'Package must be one of your packages.' }),
  note: z.string().trim().max(500, 'Note must be at most 500 characters.').optional(),
});
export type RequestRefundInput = z.infer<typeof requestRefundSchema>;

/** The customer takes back their open request (lifecycle.md, Five-day refund). */
export const withdrawRefundSchema = z.object({
  requestId: z.uuid({ error: 'Request must be one of your refund requests.' }),
});
export type WithdrawRefundInput = z.infer<typeof withdrawRefundSchema>;

/** An admin's decision on a refund request, always with a reason (lifecycle.md, Five-day refund). */
export const refundDecisionSchema = z.object({
  requestId: z.uuid({ error: 'Request must be a refund request id.' }),
  decision: z.enum(['approve', 'reject'], { error: 'Decision must be approve or reject.' }),
  reason: reasonSchema(),
});
export type RefundDecisionInput = z.infer<typeof refundDecisionSchema>;
