import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { applications, packages, users } from '@/db/schema';
import { listAccountProductPackages, listApplicationPackages, type PackageRow } from '@/db/queries/packages';
import { accountNow } from '@/lib/clock';
import { AppError, fieldError, isUniqueViolation } from '@/lib/errors';
import { claimIdempotencyKey } from '@/lib/idempotency/service';
import { lockAccount, postLinkedLedgerEntry } from '@/lib/ledger/service';
import { transact } from '@/lib/ledger/transaction';
import { Decimal } from '@/lib/money/decimal';
import { localDate } from '@/lib/time/local-date';
import { offerOfPackage, purchasableCatalogForBook, resolveOffer, UNIVERSAL_CUSTOM_CODE } from './catalog';
import { resumeApplicationIfPaid, syncApplicationEdition, packageExpiryInstant } from './lifecycle';
import { canPay, insufficientBalanceMessage, purchaseEligibility, toFacts, validityFor } from './rules';

export type PurchaseRequest = {
  accountId: string;
  userId: string | null;
  applicationId: string;
  catalogCode: string;
  /** `universal.custom` only. */
  customThousands?: number;
  autoRenew: boolean;
  /** From the form: the same key (a double submit, a retry) buys once. */
  idempotencyKey: string;
};

/**
 * Buy a package for an application, paid from the balance (lifecycle.md, Packages). One
 * transaction under the account lock: the idempotency key, the rules (one per application
 * per product, the queue, no mid-term upgrade, Starter limits), the balance, the package
 * and its `package_purchase` ledger entry. The unique indexes on packages are the final
 * guarantee.
 */
export async function purchasePackage(db: Database, req: PurchaseRequest): Promise<{ package: PackageRow; created: boolean }> {
  const key = `purchase:${req.idempotencyKey}`;
  try {
    return await transact(db, async (tx) => {
      const account = await lockAccount(tx, req.accountId);
      // The same key replays only the same purchase; another application or package is refused (issue 13, item 11).
      await claimIdempotencyKey(tx, {
        accountId: req.accountId,
        key,
        action: 'package.purchase',
        params: {
          applicationId: req.applicationId,
          catalogCode: req.catalogCode,
          customThousands: req.catalogCode === UNIVERSAL_CUSTOM_CODE ? String(req.customThousands ?? '') : null,
          autoRenew: String(req.autoRenew),
        },
        labels: { applicationId: 'application', catalogCode: 'package', customThousands: 'custom size', autoRenew: 'auto-renewal choice' },
        what: 'purchase',
        at: await accountNow(tx, req.accountId),
      });
      const [existing] = await tx.select().from(packages).where(and(eq(packages.accountId, req.accountId), eq(packages.idempotencyKey, key))).limit(1);
      if (existing) return { package: existing, created: false };
      // A person buying must have confirmed their address (issue 13 item 7); renewals (no user) go on.
      if (req.userId) {
        const [buyer] = await tx.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, req.userId)).limit(1);
        if (!buyer?.verifiedAt) {
          throw new AppError('FORBIDDEN', 'Confirm your email address before buying packages: open the link we emailed you, or send it again from the overview.');
        }
      }

      const [app] = await tx
        .select()
        .from(applications)
        .where(and(eq(applications.accountId, req.accountId), eq(applications.id, req.applicationId)))
        .limit(1);
      // Another account's application answers exactly like a missing one.
      if (!app) throw new AppError('NOT_FOUND', 'Application not found.', { fieldErrors: { applicationId: ['Application not found: choose one of your applications.'] } });

      const customMinutes = req.catalogCode === UNIVERSAL_CUSTOM_CODE ? (req.customThousands ?? 0) * 1000 : undefined;
      const offer = resolveOffer(req.catalogCode, customMinutes);
      if (!offer) throw fieldError('catalogCode', 'Package must be chosen from the catalog.');
      // hst-cny (seed 001) sells no packages at all; the currency rules below decide the rest.
      if (purchasableCatalogForBook(account.priceBookId).length === 0) {
        throw new AppError('INVALID_STATE', `The ${account.priceBookId} price book sells no packages; usage is billed pay-as-you-go.`, { fieldErrors: { catalogCode: ['This price book sells no packages.'] } });
      }

      const appPackages = await listApplicationPackages(tx, req.accountId, app.id);
      const productPackages = offer.starter ? await listAccountProductPackages(tx, req.accountId, offer.product) : [];
      const decision = purchaseEligibility({
        accountCurrency: account.currency,
        offer,
        appPackages: appPackages.map(toFacts),
        accountPackages: productPackages.map(toFacts),
      });
      if (!decision.ok) throw new AppError('INVALID_STATE', decision.message, { fieldErrors: { [decision.field]: [decision.message] } });
      if (!canPay(account.balance, offer.price)) {
        throw new AppError('INSUFFICIENT_BALANCE', insufficientBalanceMessage(account.balance, offer.price, account.currency, offer.name));
      }

      const now = await accountNow(tx, req.accountId);
      const validity = decision.placement === 'active' ? validityFor(offer, localDate(now)) : null;
      const [pkg] = await tx
        .insert(packages)
        .values({
          accountId: req.accountId,
          applicationId: app.id,
          sdkAppId: app.sdkAppId,
          kind: offer.kind,
          product: offer.product,
          edition: offer.edition,
          catalogCode: offer.catalogCode,
          minutes: new Decimal(offer.minutes ?? 0),
          price: offer.price,
          currency: offer.currency,
          status: decision.placement,
          validFrom: validity?.validFrom ?? null,
          validTo: validity?.validTo ?? null,
          anchorDay: validity?.anchorDay ?? null,
          autoRenew: req.autoRenew && offer.renewable,
          source: 'purchase',
          purchasedAt: now,
          idempotencyKey: key,
        })
        .returning();
      if (!pkg) throw new Error('package insert returned no row');

      let result = pkg;
      if (offer.price.greaterThan(0)) {
        const facts = { catalogCode: pkg.catalogCode, minutes: pkg.minutes.toFixed(), app: app.name, sdkAppId: String(app.sdkAppId) };
        const { linked } = await postLinkedLedgerEntry(tx, {
          accountId: req.accountId,
          kind: 'package_purchase',
          amount: offer.price.negated(),
          description: validity
            ? { key: 'packagePurchase', params: { ...facts, validFrom: validity.validFrom, validTo: validity.validTo } }
            : { key: 'packageQueued', params: { ...facts, product: offer.product } },
          subject: { kind: 'package', id: pkg.id },
          idempotencyKey: key,
          actorUserId: req.userId,
          at: now,
        });
        result = linked;
      }
      if (decision.placement === 'active') {
        await syncApplicationEdition(tx, app.id);
        await resumeApplicationIfPaid(tx, pkg, now);
      }
      return { package: result, created: true };
    });
  } catch (err) {
    // The unique indexes decide a race the lock did not (a writer that skipped the account lock).
    if (isUniqueViolation(err, 'packages_idempotency_uq')) {
      const [existing] = await db.select().from(packages).where(and(eq(packages.accountId, req.accountId), eq(packages.idempotencyKey, key))).limit(1);
      if (existing) return { package: existing, created: false };
    }
    if (isUniqueViolation(err, 'packages_one_active_uq') || isUniqueViolation(err, 'packages_one_queued_uq')) {
      throw new AppError('CONFLICT', 'Another package for this application was bought at the same moment; reload and check the package page.');
    }
    throw err;
  }
}

/**
 * Switch auto-renewal of an active or queued monthly package on or off, any time before
 * it expires (lifecycle.md, Packages).
 */
export async function setAutoRenew(db: Database, input: { accountId: string; packageId: string; autoRenew: boolean }): Promise<PackageRow> {
  return transact(db, async (tx) => {
    const [pkg] = await tx
      .select()
      .from(packages)
      .where(and(eq(packages.accountId, input.accountId), eq(packages.id, input.packageId)))
      .for('update');
    if (!pkg) throw new AppError('NOT_FOUND', 'Package not found.');
    if (pkg.status !== 'active' && pkg.status !== 'queued') throw new AppError('INVALID_STATE', `This package is ${pkg.status}; auto-renewal can only be changed before it expires.`);
    const offer = offerOfPackage(pkg);
    if (!offer?.renewable || pkg.kind !== 'package') throw new AppError('INVALID_STATE', 'This package does not renew: free trials, gifts and universal packages end at their expiry.');
    const now = await accountNow(tx, input.accountId);
    if (pkg.validTo && now.getTime() >= packageExpiryInstant({ validTo: pkg.validTo }).getTime()) {
      throw new AppError('INVALID_STATE', 'This package has reached its expiry; auto-renewal can no longer be changed.');
    }
    const [updated] = await tx
      .update(packages)
      .set({ autoRenew: input.autoRenew })
      .where(and(eq(packages.id, pkg.id), inArray(packages.status, ['active', 'queued'])))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    return updated;
  });
}
