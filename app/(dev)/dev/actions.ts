'use server';

import { z } from 'zod';
import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { assertAccountAccess } from '@/lib/auth/guard';
import { attachTestClock, detachTestClock } from '@/lib/clock/test-clock';
import { advanceTestClock, type AdvanceTarget } from '@/lib/dev-tools/advance';
import { describeRunResult, jobLabel, runSummary } from '@/lib/dev-tools/describe';
import { getTranslations } from 'next-intl/server';
import { generateSyntheticUsage } from '@/lib/dev-tools/usage';
import { AppError } from '@/lib/errors';
import { formatLocalDateTime } from '@/lib/time/format';
import { BILLING_TIME_ZONE, nextLocalMidnight, zoneOffsetMs } from '@/lib/time/local-date';
import { accountNow, systemNow } from '@/lib/clock';

const accountId = z.uuid('Pick an account.');
/** `datetime-local` values are wall-clock times in the billing zone, like every time on the page. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Enter a date and time.')
  .transform((v) => new Date(Date.parse(`${v.length === 16 ? `${v}:00` : v}Z`) - zoneOffsetMs(BILLING_TIME_ZONE)));

export const attachClockAction = defineAction({
  permission: 'signed-in',
  schema: z.object({ accountId, start: z.enum(['now', 'midnight', 'custom']).default('now'), startAt: z.string().optional() }),
  run: async ({ input, user }) => {
    assertAccountAccess(user, input.accountId);
    let startAt: Date | undefined;
    if (input.start === 'midnight') {
      // The next local midnight of the account's time (never back, lifecycle.md Time): days then settle exactly one "advance a day" later.
      startAt = nextLocalMidnight(await accountNow(db, input.accountId));
    } else if (input.start === 'custom') {
      const parsed = localDateTime.safeParse(input.startAt ?? '');
      if (!parsed.success) throw new AppError('VALIDATION', 'Enter the start date and time.', { fieldErrors: { startAt: ['Enter the start date and time.'] } });
      startAt = parsed.data;
    }
    const clock = await attachTestClock(db, input.accountId, startAt);
    const t = await getTranslations('dev.actions');
    return { now: clock.now.toISOString(), message: t('attached', { at: formatLocalDateTime(clock.now) }) };
  },
  revalidate: ['/dev'],
  successMessage: (d) => d.message,
});

export const detachClockAction = defineAction({
  permission: 'signed-in',
  schema: z.object({ accountId }),
  run: async ({ input, user }) => {
    assertAccountAccess(user, input.accountId);
    const r = await detachTestClock(db, input.accountId);
    const held = r.now.getTime() === r.latestAt.getTime() && r.latestAt.getTime() > systemNow().getTime();
    const t = await getTranslations('dev.actions');
    return { latestAt: r.latestAt.toISOString(), held, message: held ? t('detachedHeld', { at: formatLocalDateTime(r.latestAt) }) : t('detached') };
  },
  revalidate: ['/dev'],
  successMessage: (d) => d.message,
});

export const advanceClockAction = defineAction({
  permission: 'signed-in',
  schema: z.object({ accountId, step: z.enum(['hour', 'day', 'next', 'to']), to: z.string().optional() }),
  run: async ({ input, user }) => {
    assertAccountAccess(user, input.accountId);
    let target: AdvanceTarget;
    if (input.step === 'hour') target = { by: 3_600_000 };
    else if (input.step === 'day') target = { by: 86_400_000 };
    else if (input.step === 'next') target = { nextJob: true };
    else {
      const parsed = localDateTime.safeParse(input.to ?? '');
      if (!parsed.success) throw new AppError('VALIDATION', 'Enter the date and time to move to.', { fieldErrors: { to: ['Enter the date and time to move to.'] } });
      target = { to: parsed.data };
    }
    const r = await advanceTestClock(db, input.accountId, target, { workerId: `dev-page:${user.id}` });
    const t = await getTranslations('dev');
    const failed = r.ran.filter((x) => x.outcome === 'failed').length;
    const at = formatLocalDateTime(new Date(r.clock));
    const base = r.ran.length === 0 ? t('actions.advancedNone', { at }) : t('actions.advancedRan', { at, count: r.ran.length, failed });
    return {
      clock: r.clock,
      ran: r.ran.map((x) => ({ key: x.key, kind: x.kind, label: jobLabel(t, x.kind), outcome: x.outcome, summary: runSummary(t, describeRunResult(x.kind, x.result, x.error)) })),
      blocked: r.blocked,
      message: r.blocked ? t('actions.blocked', { base, key: r.blocked.key }) : base,
    };
  },
  revalidate: ['/dev'],
  successMessage: (d) => d.message,
});

export const generateUsageAction = defineAction({
  permission: 'signed-in',
  schema: z.object({
    accountId,
    sdkAppId: z.coerce.number({ error: 'Pick an application.' }).int().positive('Pick an application.'),
    sessions: z.coerce.number().int().min(1, 'At least 1 session.').max(200, 'At most 200 sessions.'),
    spanMinutes: z.coerce.number().int().min(1, 'At least 1 minute.').max(1440, 'At most 1,440 minutes (a day).'),
  }),
  run: async ({ input, user }) => {
    assertAccountAccess(user, input.accountId);
    const d = await generateSyntheticUsage(db, input);
    const t = await getTranslations('dev.actions');
    return { ...d, message: t('generated', { records: d.records, sdkAppId: String(d.sdkAppId), from: formatLocalDateTime(new Date(d.from)), to: formatLocalDateTime(new Date(d.to)) }) };
  },
  revalidate: ['/dev'],
  successMessage: (d) => d.message,
});
