import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx, Transaction } from '@/db/client';
import { accounts, applications, freeMinuteGrants, packages } from '@/db/schema';
import { getQueuedPackage, listAccountProductPackages, listActivePackagesEndingBefore, type PackageRow } from '@/db/queries/packages';
import { writeAudit } from '@/lib/audit/service';
import { AppError } from '@/lib/errors';
import { lockAccount, postLinkedLedgerEntry } from '@/lib/ledger/service';
import { clearFreeExhaustion } from '@/lib/enforcement/service';
import { notify } from '@/lib/notices/notify';
import { packageRef } from '@/lib/notices/package-ref';
import { Decimal } from '@/lib/money/decimal';
import { addDays, localDate, type LocalDate } from '@/lib/time/local-date';
import { RESUMING_PRODUCTS, offerOfPackage, packageDisplayName, rtcEngineEditionOf, type ProductCode } from './catalog';
import { FREE_MINUTES_PER_CYCLE, freeMinuteCycle } from './free-minutes';
import { expiryInstant, renewalDecision, starterPurchaseCount, toFacts, validityFor } from './rules';

export { nextFreeMinuteGrantDate } from './free-minutes';

/**
 * Package renewal, expiry, queued activation and the monthly free minutes, as
 * transactional functions of a given `now` (lifecycle.md, Packages; rating.md section 6).
 * The settlement jobs call them at the instants they come due; calling one twice, or
 * late, changes nothing more.
 */

/** 00:00 Asia/Shanghai of the day after `validTo`: when a package stops covering and renews. */
export function packageExpiryInstant(pkg: { validTo: string }): Date {
  return expiryInstant(pkg);
}

/** Ids of the account's active packages whose expiry instant is at or before `until`. */
export async function listPackagesDueForExpiry(db: DbOrTx, accountId: string, until: Date): Promise<string[]> {
  // endOfLocalDay(validTo) <= until  ⟺  validTo < localDate(until)
  return listActivePackagesEndingBefore(db, accountId, localDate(until));
}

export type PackageExpiryResult = {
  outcome: 'renewed' | 'renewal_failed' | 'expired' | 'skipped';
  newPackageId?: string;
  activatedQueuedId?: string;
};

/**
 * A package at (or after) its expiry instant (lifecycle.md, Packages):
 * - a package queued behind it becomes active from the expiry day, anchored on that day
 *   (an enabled auto-renewal is not charged: one package per application per product);
 * - else an enabled auto-renewal charges the list price (`renewal` ledger entry, key from the
 *   package id and the next period) and issues the next period with the same anchor;
 * - if the balance cannot pay (lifecycle.md *decision*) the package expires, the
 *   application returns to the Free edition and a notification tells why;
 * - otherwise it expires.
 * Idempotent: a package that is no longer active, or not yet due, is 'skipped'.
 */
export async function processPackageExpiry(tx: Transaction, packageId: string, now: Date): Promise<PackageExpiryResult> {
  const [head] = await tx.select({ accountId: packages.accountId }).from(packages).where(eq(packages.id, packageId)).limit(1);
  if (!head) return { outcome: 'skipped' };
  // Account first, then package: the lock order of every money movement.
  const account = await lockAccount(tx, head.accountId);
  const [pkg] = await tx.select().from(packages).where(eq(packages.id, packageId)).for('update');
  if (!pkg || pkg.status !== 'active' || !pkg.validTo) return { outcome: 'skipped' };
  if (now.getTime() < packageExpiryInstant({ validTo: pkg.validTo }).getTime()) return { outcome: 'skipped' };

  const expiryDay = addDays(pkg.validTo, 1);
  const queued = pkg.product === 'universal' ? null : await getQueuedPackage(tx, pkg.accountId, pkg.applicationId, pkg.product);
  const offer = offerOfPackage(pkg);
  const starterPurchases = offer?.starter ? await countStarterPurchases(tx, pkg.accountId, pkg) : 0;
  const decision = renewalDecision({
    pkg: toFacts(pkg),
    renewable: offer?.renewable ?? false,
    listPrice: offer?.price ?? pkg.price,
    hasQueued: !!queued,
    balance: account.balance,
    currency: account.currency,
    starter: offer?.starter ?? false,
    starterPurchases,
  });

  const [expired] = await tx
    .update(packages)
    .set({ status: 'expired' })
    .where(and(eq(packages.id, pkg.id), eq(packages.status, 'active')))
    .returning({ id: packages.id });
  if (!expired) return { outcome: 'skipped' };

  const [app] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.id, pkg.applicationId), eq(applications.accountId, pkg.accountId)))
    .limit(1);
  const name = packageDisplayName(pkg);
  const appLabel = app ? `${app.name} (SDKAppID ${app.sdkAppId})` : `SDKAppID ${pkg.sdkAppId}`;
  const audit = (action: string, details: Record<string, unknown>) =>
    writeAudit(tx, { accountId: pkg.accountId, actorUserId: null, actorRole: 'system', action, targetType: 'package', targetId: pkg.id, details, at: now });

  switch (decision.action) {
    case 'activate_queued': {
      const activated = await activateQueuedPackage(tx, queued as PackageRow, expiryDay, now);
      await syncApplicationEdition(tx, pkg.applicationId);
      await audit('package.expired', { validTo: pkg.validTo, activatedQueuedId: activated.id });
      return { outcome: 'expired', activatedQueuedId: activated.id };
    }
    case 'renew': {
      const key = `renewal:${pkg.id}:${decision.period.validFrom}`;
      const [next] = await tx
        .insert(packages)
        .values({
          accountId: pkg.accountId,
          applicationId: pkg.applicationId,
          sdkAppId: pkg.sdkAppId,
          kind: pkg.kind,
          product: pkg.product,
          edition: pkg.edition,
          catalogCode: pkg.catalogCode,
          minutes: pkg.minutes,
          price: decision.price,
          currency: pkg.currency,
          status: 'active',
          validFrom: decision.period.validFrom,
          validTo: decision.period.validTo,
          anchorDay: decision.period.anchorDay,
          autoRenew: true,
          source: 'renewal',
          previousPackageId: pkg.id,
          purchasedAt: now,
          idempotencyKey: key,
        })
        .returning();
      if (!next) throw new Error('renewal insert returned no row');
      const { entry } = await postLinkedLedgerEntry(tx, {
        accountId: pkg.accountId,
        kind: 'renewal',
        amount: decision.price.negated(),
        description: { key: 'autoRenewal', params: { catalogCode: next.catalogCode, minutes: next.minutes.toFixed(), app: app?.name ?? null, sdkAppId: String(pkg.sdkAppId), validFrom: decision.period.validFrom, validTo: decision.period.validTo } },
        subject: { kind: 'package', id: next.id },
        idempotencyKey: key,
        at: now,
      });
      await syncApplicationEdition(tx, pkg.applicationId);
      await audit('package.renewed', { newPackageId: next.id, amount: decision.price.toFixed(), validFrom: next.validFrom, validTo: next.validTo, ledgerEntryId: entry.id });
      await notify(tx, {
        kind: 'package.renewed',
        accountId: pkg.accountId,
        subject: pkg.id,
        occasion: pkg.validTo,
        at: now,
        facts: { ...(await packageRef(tx, pkg)), currency: account.currency, newPackageId: next.id, price: decision.price.toFixed(2), validFrom: decision.period.validFrom, validTo: decision.period.validTo },
      });
      return { outcome: 'renewed', newPackageId: next.id };
    }
    case 'renewal_failed': {
      await syncApplicationEdition(tx, pkg.applicationId);
      const fallback = pkg.product === 'rtc-engine' ? `${appLabel} is back on the RTC-Engine Free edition.` : `Its features are no longer available for ${appLabel}.`;
      await notify(tx, {
        kind: 'package.renewal_failed',
        accountId: pkg.accountId,
        subject: pkg.id,
        occasion: pkg.validTo,
        at: now,
        facts: { ...(await packageRef(tx, pkg)), validTo: pkg.validTo, why: decision.message, fallback: `${fallback} Top up and buy the package again to restore it.` },
      });
      await audit('package.renewal_failed', { reason: decision.reason, price: decision.price.toFixed(), balance: account.balance.toFixed() });
      return { outcome: 'renewal_failed' };
    }
    case 'expire': {
      await syncApplicationEdition(tx, pkg.applicationId);
      const ref = await packageRef(tx, pkg);
      if (decision.reason === 'starter_limit') {
        await notify(tx, {
          kind: 'package.renewal_failed',
          accountId: pkg.accountId,
          subject: pkg.id,
          occasion: pkg.validTo,
          at: now,
          facts: { ...ref, validTo: pkg.validTo, why: `The Starter plan can be bought at most three times per account, so ${name} for ${appLabel} was not renewed.`, fallback: 'Buy Lite or above to keep the features.' },
        });
      } else {
        await notify(tx, { kind: 'package.expired', accountId: pkg.accountId, subject: pkg.id, occasion: pkg.validTo, at: now, facts: { ...ref, validTo: pkg.validTo } });
      }
      await audit('package.expired', { validTo: pkg.validTo, reason: decision.reason });
      return { outcome: 'expired' };
    }
    default: {
      const never: never = decision;
      throw new Error(`unknown renewal decision ${JSON.stringify(never)}`);
    }
  }
}

async function countStarterPurchases(tx: DbOrTx, accountId: string, pkg: Pick<PackageRow, 'product' | 'catalogCode'>): Promise<number> {
  return starterPurchaseCount((await listAccountProductPackages(tx, accountId, pkg.product)).map(toFacts), pkg.catalogCode);
}

/**
 * A queued package becomes active from `startDate` with its own month, anchored on that day
 * (seed 003 · Billing Explanation for Subscription Package Duration: "the new package will
 * not take effect until the existing one expires").
 */
export async function activateQueuedPackage(tx: Transaction, queued: PackageRow, startDate: LocalDate, now: Date): Promise<PackageRow> {
  const offer = offerOfPackage(queued);
  const validity = validityFor(offer ?? { validity: 'monthly' }, startDate);
  const [row] = await tx
    .update(packages)
    .set({ status: 'active', validFrom: validity.validFrom, validTo: validity.validTo, anchorDay: validity.anchorDay })
    .where(and(eq(packages.id, queued.id), eq(packages.status, 'queued')))
    .returning();
  if (!row) throw new AppError('CONFLICT', 'The queued package changed meanwhile; try again.');
  await resumeApplicationIfPaid(tx, row, now);
  return row;
}

/**
 * `applications.edition` follows the application's active RTC-Engine package, else Free
 * (lifecycle.md, Applications: always on exactly one RTC-Engine edition).
 */
export async function syncApplicationEdition(tx: DbOrTx, applicationId: string): Promise<void> {
  const active = await tx
    .select({ product: packages.product, edition: packages.edition })
    .from(packages)
    .where(and(eq(packages.applicationId, applicationId), eq(packages.product, 'rtc-engine'), eq(packages.status, 'active')))
    .limit(1);
  const edition = (active[0] && rtcEngineEditionOf(active[0])) ?? 'free';
  await tx.update(applications).set({ edition }).where(and(eq(applications.id, applicationId), ne(applications.edition, edition)));
}

/**
 * A paid package lifts a Free-edition application's "free minutes used up" suspension
 * (lifecycle.md, Other suspensions: "resumes with a paid package or next month's free minutes").
 */
export async function resumeApplicationIfPaid(tx: Transaction, pkg: Pick<PackageRow, 'accountId' | 'applicationId' | 'product' | 'price' | 'kind'>, now: Date): Promise<void> {
  if (!RESUMING_PRODUCTS.includes(pkg.product as ProductCode)) return;
  if (pkg.kind !== 'package' || !pkg.price.greaterThan(0)) return;
  await clearFreeExhaustion(tx, pkg.accountId, now, 'a paid package is active', pkg.applicationId);
}

/**
 * The account's 10,000 free minutes for the cycle containing `now`, anchored on the
 * registration local day (seed 003 · Free Minutes; rating.md section 6). Idempotent by the
 * unique index (account_id, valid_from). A new grant also resumes the account's
 * applications suspended for having used up the previous month's free minutes.
 */
export async function grantMonthlyFreeMinutes(tx: Transaction, accountId: string, now: Date): Promise<{ grantId: string; created: boolean }> {
  const [account] = await tx.select({ registeredAt: accounts.registeredAt }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw new AppError('NOT_FOUND', 'Account not found.');
  const cycle = freeMinuteCycle(account.registeredAt, now);
  const [inserted] = await tx
    .insert(freeMinuteGrants)
    .values({ accountId, minutes: new Decimal(FREE_MINUTES_PER_CYCLE), validFrom: cycle.validFrom, validTo: cycle.validTo, grantedAt: now })
    .onConflictDoNothing({ target: [freeMinuteGrants.accountId, freeMinuteGrants.validFrom] })
    .returning({ id: freeMinuteGrants.id });
  if (inserted) {
    // The grant itself resumes the stopped applications, and tells each: clearing the stop
    // first and looking for it afterwards found nothing to tell (issue 10).
    const resumed = (await clearFreeExhaustion(tx, accountId, now, "next month's free minutes arrived")).map((sdkAppId) => ({ sdkAppId }));
    if (resumed.length > 0) {
      await writeAudit(tx, {
        accountId,
        actorUserId: null,
        actorRole: 'system',
        action: 'free_minutes.granted',
        targetType: 'account',
        targetId: accountId,
        details: { grantId: inserted.id, validFrom: cycle.validFrom, validTo: cycle.validTo, resumedApplications: resumed.map((r) => r.sdkAppId) },
        at: now,
      });
    }
    return { grantId: inserted.id, created: true };
  }
  const [existing] = await tx
    .select({ id: freeMinuteGrants.id })
    .from(freeMinuteGrants)
    .where(and(eq(freeMinuteGrants.accountId, accountId), eq(freeMinuteGrants.validFrom, cycle.validFrom)))
    .limit(1);
  if (!existing) throw new Error('free minute grant neither inserted nor found');
  return { grantId: existing.id, created: false };
}
