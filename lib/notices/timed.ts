import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { packages } from '@/db/schema';
import { getQueuedPackage } from '@/db/queries/packages';
import { lockAccount } from '@/lib/ledger/service';
import { arrearsGraceEnd } from '@/lib/enforcement/timing';
import { offerOfPackage } from '@/lib/packages/catalog';
import { expiryInstant } from '@/lib/packages/rules';
import { reclamationInstant } from '@/lib/jobs/planner';
import type { NoticeJobPayload } from './moments';
import { notify } from './notify';
import { packageRef } from './package-ref';
import { expiringNoticeDue } from './rules';

export type TimedNoticeResult = { outcome: 'sent' | 'duplicate' | 'skipped'; notice: string; reason?: string; noticeId?: number };

/**
 * A timed notice at its moment (lifecycle.md, Notices: "a notice whose cause has gone by
 * its moment is not sent"): the cause is checked again under the account lock (still
 * overdue for the same episode, still suspended, still below the threshold, the package
 * still active and still expiring as planned) and the notice is written only then.
 */
export async function runTimedNotice(tx: Transaction, accountId: string, p: NoticeJobPayload, now: Date): Promise<TimedNoticeResult> {
  const account = await lockAccount(tx, accountId);
  const skip = (reason: string): TimedNoticeResult => ({ outcome: 'skipped', notice: p.notice, reason });
  const done = (row: { id: number } | null): TimedNoticeResult => (row ? { outcome: 'sent', notice: p.notice, noticeId: row.id } : { outcome: 'duplicate', notice: p.notice });
  const base = { accountId, subject: accountId, at: now };
  switch (p.notice) {
    case 'balance.below_threshold': {
      if (!account.balanceThreshold || account.belowThresholdSince?.toISOString() !== p.since) return skip('the balance is no longer below the threshold');
      if (!account.balance.lessThan(account.balanceThreshold)) return skip('the balance is no longer below the threshold');
      return done(
        await notify(tx, {
          ...base,
          kind: 'balance.below_threshold',
          occasion: `${p.since}:${p.day}`,
          facts: { currency: account.currency, balance: account.balance.toFixed(2), threshold: account.balanceThreshold.toFixed(2), since: p.since, day: p.day },
        }),
      );
    }
    case 'account.suspension_warning': {
      if (account.status !== 'overdue' || account.overdueSince?.toISOString() !== p.overdueSince) return skip('the account is no longer overdue for that episode');
      return done(
        await notify(tx, {
          ...base,
          kind: 'account.suspension_warning',
          occasion: p.overdueSince,
          facts: { currency: account.currency, owed: account.balance.neg().toFixed(2), suspendAt: arrearsGraceEnd(new Date(p.overdueSince)).toISOString() },
        }),
      );
    }
    case 'account.reclamation_warning': {
      if (account.status !== 'suspended' || account.suspensionReason !== 'arrears' || account.suspendedAt?.toISOString() !== p.suspendedAt) {
        return skip('the account is no longer suspended for arrears since that moment');
      }
      return done(
        await notify(tx, {
          ...base,
          kind: 'account.reclamation_warning',
          occasion: `${p.suspendedAt}:${p.afterDays}`,
          facts: {
            currency: account.currency,
            owed: account.balance.neg().toFixed(2),
            suspendedAt: p.suspendedAt,
            reclaimAt: reclamationInstant(new Date(p.suspendedAt)).toISOString(),
            daysLeft: p.daysLeft,
          },
        }),
      );
    }
    case 'package.expiring': {
      const [pkg] = await tx.select().from(packages).where(eq(packages.id, p.packageId)).limit(1);
      if (!pkg || pkg.accountId !== accountId || pkg.status !== 'active' || pkg.validTo !== p.validTo) return skip('the package is no longer active with that expiry');
      // A package queued behind it takes over at expiry: nothing is lost, nothing to tell.
      if (pkg.product !== 'universal' && (await getQueuedPackage(tx, accountId, pkg.applicationId, pkg.product))) return skip('a queued package follows');
      const offer = offerOfPackage(pkg);
      const renews = pkg.autoRenew && (offer?.renewable ?? false);
      const renewalPrice = offer?.price ?? pkg.price;
      if (!expiringNoticeDue({ daysBefore: p.daysBefore, renews, balance: account.balance, renewalPrice })) {
        return skip(renews ? 'auto-renewal is on and the balance covers the renewal' : `not told ${p.daysBefore} days before with auto-renewal off`);
      }
      return done(
        await notify(tx, {
          accountId,
          subject: pkg.id,
          at: now,
          kind: 'package.expiring',
          occasion: `${pkg.validTo}:${p.daysBefore}`,
          facts: {
            ...(await packageRef(tx, pkg)),
            currency: account.currency,
            validTo: pkg.validTo,
            expiresAt: expiryInstant({ validTo: pkg.validTo }).toISOString(),
            daysBefore: p.daysBefore,
            autoRenew: renews,
            renewalPrice: renewalPrice.toFixed(2),
            balance: account.balance.toFixed(2),
          },
        }),
      );
    }
    default: {
      const never: never = p;
      throw new Error(`unknown timed notice ${JSON.stringify(never)}`);
    }
  }
}
