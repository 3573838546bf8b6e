import { z } from 'zod';
import { moneySchema } from '@/lib/money/schemas';

const accountId = z.uuid({ error: 'Account must be an account id.' });
export const reasonSchema = (label = 'Reason') =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(10, `${label} must be at least 10 characters, saying why (it is kept in the audit log).`)
    .max(500, `${label} must be at most 500 characters.`);

/** Admin balance adjustment: a signed amount (credit or debit) and a mandatory reason. */
export const adjustBalanceSchema = z.object({
  accountId,
  amount: moneySchema('Amount', { allowNegative: true, min: '-100000', max: '100000' }).refine((d) => !d.isZero(), 'Amount must not be 0: use a positive amount to credit, negative to debit.'),
  reason: reasonSchema(),
  idempotencyKey: z.string({ error: 'The form is out of date; reload the page.' }).min(16, 'The form is out of date; reload the page.').max(100),
});
export type AdjustBalanceInput = z.infer<typeof adjustBalanceSchema>;

export const suspendForViolationSchema = z.object({ accountId, reason: reasonSchema() });
export type SuspendForViolationInput = z.infer<typeof suspendForViolationSchema>;

export const liftSuspensionSchema = z.object({ accountId, reason: reasonSchema() });
export type LiftSuspensionInput = z.infer<typeof liftSuspensionSchema>;
