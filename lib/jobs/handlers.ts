import { reclaimAccount, suspendForArrears } from '@/lib/enforcement/service';
import { grantMonthlyFreeMinutes, processPackageExpiry } from '@/lib/packages/lifecycle';
import type { NoticeJobPayload } from '@/lib/notices/moments';
import { runTimedNotice } from '@/lib/notices/timed';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { settleDay } from '@/lib/settlement/settle-day';
import { settleMonth } from '@/lib/settlement/monthly';
import { registerJobHandler } from './runner';

/**
 * The job kinds and what runs them (lifecycle.md, Time: settlements, renewals, expiries,
 * overdue to suspended, reclamation, free-minute grants). Each handler runs in the
 * transaction that marks its job done; `now` is the job's due instant on the account's clock.
 */
let registered = false;
export function registerJobHandlers(): void {
  if (registered) return;
  registered = true;

  registerJobHandler('settle', {
    prepare: (db) => safeUsageWatermark(db),
    run: async (tx, { job, now, prepared }) => {
      const day = String((job.payload as { day: string }).day);
      return settleDay(tx, { accountId: job.accountId as string, day, now, throughId: prepared as number, mode: 'daily' });
    },
  });

  registerJobHandler('adjust', {
    prepare: (db) => safeUsageWatermark(db),
    run: async (tx, { job, now, prepared }) => {
      const p = job.payload as { day: string; throughId: number };
      return settleDay(tx, { accountId: job.accountId as string, day: p.day, now, throughId: Math.max(prepared as number, p.throughId), mode: 'adjust' });
    },
  });

  registerJobHandler('monthly', {
    prepare: (db) => safeUsageWatermark(db),
    run: async (tx, { job, now, prepared }) =>
      settleMonth(tx, { accountId: job.accountId as string, month: String((job.payload as { month: string }).month), now, throughId: prepared as number, mode: 'monthly' }),
  });

  registerJobHandler('monthly-adjust', {
    prepare: (db) => safeUsageWatermark(db),
    run: async (tx, { job, now, prepared }) => {
      const p = job.payload as { month: string; throughId: number };
      return settleMonth(tx, { accountId: job.accountId as string, month: p.month, now, throughId: Math.max(prepared as number, p.throughId), mode: 'adjust' });
    },
  });

  registerJobHandler('package-expiry', {
    run: async (tx, { job, now }) => {
      const r = await processPackageExpiry(tx, String((job.payload as { packageId: string }).packageId), now);
      return { ...r };
    },
  });

  registerJobHandler('free-minutes', {
    run: async (tx, { job, now }) => {
      const accountId = job.accountId as string;
      // The grant resumes applications stopped for having used up the free edition, and tells
      // each (lifecycle.md, Packages; Notices: application.resumed).
      const grant = await grantMonthlyFreeMinutes(tx, accountId, now);
      return { ...grant };
    },
  });

  registerJobHandler('suspend', {
    run: async (tx, { job, now }) => ({ ...(await suspendForArrears(tx, job.accountId as string, new Date(String((job.payload as { overdueSince: string }).overdueSince)), now)) }),
  });

  registerJobHandler('reclaim', {
    run: async (tx, { job, now }) => ({ ...(await reclaimAccount(tx, job.accountId as string, new Date(String((job.payload as { suspendedAt: string }).suspendedAt)), now)) }),
  });

  // Timed notices (lifecycle.md, Notices): the handler re-checks the cause at the moment.
  registerJobHandler('notice', {
    run: async (tx, { job, now }) => ({ ...(await runTimedNotice(tx, job.accountId as string, job.payload as NoticeJobPayload, now)) }),
  });
}
