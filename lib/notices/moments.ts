import { z } from 'zod';
import { expiryInstant } from '@/lib/packages/rules';
import { localDateSchema } from '@/lib/rating/schemas';
import { startOfLocalDay, type LocalDate } from '@/lib/time/local-date';
import type { JobSpec } from '@/lib/jobs/types';
import { balanceReminderMoments, expiringMoments, reclamationWarningMoments, suspensionWarningInstant } from './rules';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';

/**
 * The timed notices an account's state implies (lifecycle.md, Notices: every moment moves
 * with a test clock), as `notice` jobs for the planner (pure). Keys are business keys, so
 * each moment is one job; the handler (timed.ts) re-checks the cause at run time and sends
 * nothing if it has gone (topped up before O+20h).
 */
export const noticeJobPayloadSchema = z.discriminatedUnion('notice', [
  z.object({ notice: z.literal('balance.below_threshold'), since: z.iso.datetime(), day: z.int().positive() }),
  z.object({ notice: z.literal('account.suspension_warning'), overdueSince: z.iso.datetime() }),
  z.object({ notice: z.literal('account.reclamation_warning'), suspendedAt: z.iso.datetime(), afterDays: z.int().positive(), daysLeft: z.int().nonnegative() }),
  z.object({ notice: z.literal('package.expiring'), packageId: z.guid(), validTo: localDateSchema, daysBefore: z.int().nonnegative() }),
]);
export type NoticeJobPayload = z.infer<typeof noticeJobPayloadSchema>;

export type NoticeMomentFacts = {
  accountId: string;
  status: AccountStatus;
  suspensionReason: SuspensionReason | null;
  overdueSince: Date | null;
  suspendedAt: Date | null;
  belowThresholdSince: Date | null;
  activePackages: { id: string; validFrom: LocalDate | null; validTo: LocalDate }[];
};

export function planNoticeJobs(f: NoticeMomentFacts, until: Date): JobSpec[] {
  const a = f.accountId;
  const out: JobSpec[] = [];
  const add = (key: string, runAt: Date, payload: NoticeJobPayload) => {
    if (runAt <= until) out.push({ key: `notice:${a}:${key}`, kind: 'notice', accountId: a, runAt, payload });
  };
  if (f.status === 'reclaimed') return out;

  if (f.belowThresholdSince) {
    const since = f.belowThresholdSince.toISOString();
    for (const m of balanceReminderMoments(f.belowThresholdSince)) add(`balance.below_threshold:${since}:${m.day}`, m.at, { notice: 'balance.below_threshold', since, day: m.day });
  }
  if (f.status === 'overdue' && f.overdueSince) {
    const since = f.overdueSince.toISOString();
    add(`account.suspension_warning:${since}`, suspensionWarningInstant(f.overdueSince), { notice: 'account.suspension_warning', overdueSince: since });
  }
  if (f.status === 'suspended' && f.suspensionReason === 'arrears' && f.suspendedAt) {
    const since = f.suspendedAt.toISOString();
    for (const m of reclamationWarningMoments(f.suspendedAt)) {
      add(`account.reclamation_warning:${since}:${m.afterDays}`, m.at, { notice: 'account.reclamation_warning', suspendedAt: since, afterDays: m.afterDays, daysLeft: m.daysLeft });
    }
  }
  for (const p of f.activePackages) {
    const began = startOfLocalDay(p.validFrom ?? p.validTo);
    for (const m of expiringMoments(expiryInstant(p), began)) {
      add(`package.expiring:${p.id}:${p.validTo}:${m.daysBefore}`, m.at, { notice: 'package.expiring', packageId: p.id, validTo: p.validTo, daysBefore: m.daysBefore });
    }
  }
  return out;
}
