import { z } from 'zod';

const MAX_DAYS = 400;

/** Body of POST /api/dev/clocks/{accountId}/advance: exactly one of `by`, `to`, `nextJob`. */
export const advanceSchema = z
  .object({
    by: z
      .strictObject({
        days: z.number().int().min(0).max(MAX_DAYS).optional(),
        hours: z.number().int().min(0).max(MAX_DAYS * 24).optional(),
        minutes: z.number().int().min(0).max(MAX_DAYS * 1440).optional(),
      })
      .optional(),
    to: z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date-time with an offset, e.g. 2024-10-08T00:00:00+08:00.' }).optional(),
    nextJob: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => [b.by, b.to, b.nextJob].filter((x) => x !== undefined).length === 1, { error: 'Give exactly one of "by", "to" or "nextJob".' });
export type AdvanceInput = z.infer<typeof advanceSchema>;

export function advanceTargetOf(input: AdvanceInput): { by: number } | { to: Date } | { nextJob: true } {
  if (input.by) return { by: ((input.by.days ?? 0) * 24 * 60 + (input.by.hours ?? 0) * 60 + (input.by.minutes ?? 0)) * 60_000 };
  if (input.to) return { to: new Date(input.to) };
  return { nextJob: true };
}

export const attachSchema = z.object({ startAt: z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date-time with an offset.' }).optional() }).strict();

export const generateUsageSchema = z
  .object({
    sdkAppId: z.coerce.number().int().positive(),
    sessions: z.coerce.number().int().min(1, 'At least one session.').max(200, 'At most 200 sessions at a time.').default(5),
    spanMinutes: z.coerce.number().int().min(1).max(24 * 60).default(60),
  })
  .strict();
