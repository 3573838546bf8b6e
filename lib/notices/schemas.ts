import { z } from 'zod';

export const markNoticeReadSchema = z.object({
  noticeId: z.coerce.number({ message: 'Expected a notice id (a whole number).' }).int('Expected a notice id (a whole number).').positive('Expected a notice id (a whole number).'),
});
export type MarkNoticeReadInput = z.infer<typeof markNoticeReadSchema>;

export const markAllNoticesReadSchema = z.object({});

/** The balance alert (lifecycle.md, Notices): empty turns it off; 2 decimals at most; may be negative. */
export const balanceThresholdSchema = z.object({
  threshold: z
    .string()
    .trim()
    .regex(/^(-?\d{1,12}(\.\d{1,2})?)?$/, 'Expected an amount with at most 2 decimals (e.g. 50 or -20.50), or empty to turn the alert off.'),
});
export type BalanceThresholdInput = z.infer<typeof balanceThresholdSchema>;
