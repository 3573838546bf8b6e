import { packageValidity, STARTER_MAX_PURCHASES, universalPackageValidity } from '@/lib/rating';
import { Decimal } from '@/lib/money/decimal';
import { formatMoney, type Currency } from '@/lib/money/format';
import { addDays, endOfLocalDay, type LocalDate } from '@/lib/time/local-date';
import { formatLocalDateTime } from '@/lib/time/format';
import type { PackageRow } from '@/db/queries/packages';
import { PRODUCT_LABEL, packageDisplayName, type OfferedPackage, type ProductCode } from './catalog';

/**
 * Pure package rules (lifecycle.md, Packages; rating.md section 6). No database, no
 * clock: dates and `now` come in as arguments.
 */

export type PackageStatus = 'queued' | 'active' | 'expired' | 'void';

/** The fields of a stored package the rules read. */
export type PackageFacts = {
  id: string;
  product: string;
  edition: string;
  catalogCode: string;
  kind: 'package' | 'trial';
  status: PackageStatus;
  source: 'purchase' | 'renewal' | 'grant';
  price: Decimal;
  minutes: Decimal;
  validFrom: LocalDate | null;
  validTo: LocalDate | null;
  anchorDay: number | null;
  autoRenew: boolean;
  purchasedAt: Date;
};

/** The facts of a stored package the rules read (rows map to domain facts here, not in db/). */
export function toFacts(p: PackageRow): PackageFacts {
  return {
    id: p.id,
    product: p.product,
    edition: p.edition,
    catalogCode: p.catalogCode,
    kind: p.kind,
    status: p.status,
    source: p.source,
    price: p.price,
    minutes: p.minutes,
    validFrom: p.validFrom,
    validTo: p.validTo,
    anchorDay: p.anchorDay,
    autoRenew: p.autoRenew,
    purchasedAt: p.purchasedAt,
  };
}

export type Validity = { validFrom: LocalDate; validTo: LocalDate; anchorDay: number | null };

/**
 * The validity of a package that starts on `startDate` (local): monthly packages from the
 * start day through the day before the anchor day next month (rating.md section 6), free
 * trials for their number of days (lifecycle.md table: 7 or 14 days), 2022 universal
 * packages through the last day of the same month next year (seed 002 · 预付费套餐包).
 */
export function validityFor(offer: Pick<OfferedPackage, 'validity' | 'trialDays'>, startDate: LocalDate, anchorDay?: number | null): Validity {
  switch (offer.validity) {
    case 'monthly': {
      const v = packageValidity(startDate, anchorDay ?? undefined);
      return { validFrom: v.validFrom, validTo: v.validTo, anchorDay: v.anchorDay };
    }
    case 'trial': {
      const days = offer.trialDays ?? 7;
      return { validFrom: startDate, validTo: addDays(startDate, days - 1), anchorDay: null };
    }
    case 'universal': {
      const v = universalPackageValidity(startDate);
      return { validFrom: v.validFrom, validTo: v.validTo, anchorDay: null };
    }
    default: {
      const never: never = offer.validity;
      throw new Error(`unknown validity ${String(never)}`);
    }
  }
}

/**
 * The next period of a monthly package at renewal: from the day after `validTo`, same
 * day-of-month anchor, clamped to short months (rating.md section 6: bought Jan 31 →
 * through Feb 27; renewed Feb 28 → through Mar 30; renewed Mar 31).
 */
export function nextPeriod(pkg: { validTo: LocalDate; anchorDay: number | null; validFrom?: LocalDate | null }): Validity & { renewsOn: LocalDate } {
  const start = addDays(pkg.validTo, 1);
  const anchor = pkg.anchorDay ?? Number((pkg.validFrom ?? start).slice(8, 10));
  const v = packageValidity(start, anchor);
  return { validFrom: v.validFrom, validTo: v.validTo, anchorDay: v.anchorDay, renewsOn: v.renewsOn };
}

/** A package stops covering at 00:00 Asia/Shanghai of the day after `validTo`; jobs run then. */
export function expiryInstant(pkg: { validTo: LocalDate }): Date {
  return endOfLocalDay(pkg.validTo);
}

// ---------------------------------------------------------------------------------------------
// Purchase eligibility

export type PurchaseRefusalCode =
  | 'wrong_currency'
  | 'not_for_sale'
  | 'queue_full'
  | 'upgrade_mid_term'
  | 'change_mid_term'
  | 'starter_after_official'
  | 'starter_limit'
  | 'trial_used'
  | 'trial_with_package';

export type PurchaseDecision =
  | { ok: true; placement: 'active' | 'queued'; behind: PackageFacts | null }
  | { ok: false; code: PurchaseRefusalCode; field: 'catalogCode' | 'applicationId'; message: string };

export type PurchaseContext = {
  accountCurrency: Currency;
  offer: OfferedPackage;
  /** Every package of the target application (any status). */
  appPackages: readonly PackageFacts[];
  /** Every package of the account (any status), for the Starter limits. */
  accountPackages: readonly PackageFacts[];
};

/** Starter editions may be bought at most this many times per account: the catalog's limit (lib/rating/packages.ts). */
export { STARTER_MAX_PURCHASES };

const counted = (p: PackageFacts) => p.status !== 'void';

/** Starter periods an account has paid for (purchases and renewals; refunded ones do not count). */
export function starterPurchaseCount(accountPackages: readonly PackageFacts[], catalogCode: string): number {
  return accountPackages.filter((p) => counted(p) && p.catalogCode === catalogCode && p.source !== 'grant').length;
}

/** Whether the account ever bought one of the product's official (non-Starter, paid) editions. */
export function boughtOfficialEdition(accountPackages: readonly PackageFacts[], product: string, starterCatalogCode: string): boolean {
  return accountPackages.some((p) => counted(p) && p.product === product && p.catalogCode !== starterCatalogCode && p.kind === 'package' && p.price.greaterThan(0));
}

/**
 * Whether `offer` can be bought for the application now, and where it goes (lifecycle.md,
 * Packages): one package per application per product at a time; another of the same
 * edition while one is valid is queued behind it (one in the queue); another edition
 * mid-term is refused (seed 003 · RTC-Engine · Must-Knows: "you cannot upgrade it to TRTC
 * Pro before the package expires ... submit a ticket"); Starter only for accounts that never
 * bought the product's official editions, at most three times (seed 003 · Starter plan).
 * 2022 universal packages stack (seed 002: 通用套餐包可以叠加购买). The balance is checked
 * by the service under the account lock.
 */
export function purchaseEligibility(ctx: PurchaseContext): PurchaseDecision {
  const { offer } = ctx;
  if (offer.currency !== ctx.accountCurrency) {
    return { ok: false, code: 'wrong_currency', field: 'catalogCode', message: `${offer.name} is sold in ${offer.currency}; this account bills in ${ctx.accountCurrency}.` };
  }
  if (offer.catalogCode === 'rtc-engine.free' || offer.catalogCode === 'universal.trial') {
    return { ok: false, code: 'not_for_sale', field: 'catalogCode', message: `${offer.name} is not sold: it is given to every application (account) automatically.` };
  }

  if (offer.starter) {
    if (boughtOfficialEdition(ctx.accountPackages, offer.product, offer.catalogCode)) {
      return {
        ok: false,
        code: 'starter_after_official',
        field: 'catalogCode',
        message: `${offer.name} is only for accounts that never bought an official ${PRODUCT_LABEL[offer.product]} edition; this account has. Choose Lite or above.`,
      };
    }
    const n = starterPurchaseCount(ctx.accountPackages, offer.catalogCode);
    if (n >= STARTER_MAX_PURCHASES) {
      return {
        ok: false,
        code: 'starter_limit',
        field: 'catalogCode',
        message: `${offer.name} can be bought at most ${STARTER_MAX_PURCHASES} times per account; this account has bought it ${n} times.`,
      };
    }
  }

  if (offer.product === 'universal') return { ok: true, placement: 'active', behind: null };

  const sameProduct = ctx.appPackages.filter((p) => p.product === offer.product);
  const active = sameProduct.find((p) => p.status === 'active') ?? null;
  const queued = sameProduct.find((p) => p.status === 'queued') ?? null;

  if (offer.kind === 'trial') {
    if (sameProduct.some((p) => p.kind === 'trial' && p.status !== 'void')) {
      return { ok: false, code: 'trial_used', field: 'catalogCode', message: `This application already had the ${PRODUCT_LABEL[offer.product]} free trial; a trial is given once per application.` };
    }
    if (active || queued) {
      return { ok: false, code: 'trial_with_package', field: 'catalogCode', message: `This application already has a ${PRODUCT_LABEL[offer.product]} package; a free trial is only for applications without one.` };
    }
    return { ok: true, placement: 'active', behind: null };
  }

  if (!active) {
    // A queued package without an active one does not happen (it is activated at expiry).
    return queued
      ? { ok: false, code: 'queue_full', field: 'applicationId', message: `This application already has a ${PRODUCT_LABEL[offer.product]} package waiting to start.` }
      : { ok: true, placement: 'active', behind: null };
  }
  if (active.kind === 'package' && active.catalogCode !== offer.catalogCode) {
    const current = packageDisplayName(active);
    const until = active.validTo ? ` (valid through ${active.validTo})` : '';
    const upgrade = offer.price.greaterThan(active.price);
    return {
      ok: false,
      code: upgrade ? 'upgrade_mid_term' : 'change_mid_term',
      field: 'catalogCode',
      message: `${upgrade ? 'Upgrading' : 'Changing the edition'} mid-term is not possible: this application is on ${current}${until}. One edition per application at a time; turn auto-renewal off and buy ${offer.name} after it expires, or submit a ticket to change it now.`,
    };
  }
  if (active.kind === 'trial') {
    // A free trial ends on its own; the paid package waits behind it.
    if (queued) return { ok: false, code: 'queue_full', field: 'applicationId', message: queueFullMessage(queued, offer.product) };
    return { ok: true, placement: 'queued', behind: active };
  }
  if (queued) return { ok: false, code: 'queue_full', field: 'applicationId', message: queueFullMessage(queued, offer.product) };
  return { ok: true, placement: 'queued', behind: active };
}

function queueFullMessage(queued: PackageFacts, product: ProductCode): string {
  return `This application already has a ${PRODUCT_LABEL[product]} package active and ${packageDisplayName(queued)} queued behind it; one package can wait at a time.`;
}

/** Whether the balance can pay `price` now (lifecycle.md: purchases are paid from the balance). */
export function canPay(balance: Decimal, price: Decimal): boolean {
  return balance.greaterThanOrEqualTo(price);
}

export function insufficientBalanceMessage(balance: Decimal, price: Decimal, currency: Currency, what: string): string {
  const missing = price.minus(balance);
  return `The balance (${formatMoney(balance, currency)}) cannot pay ${formatMoney(price, currency)} for ${what}. Top up at least ${formatMoney(missing, currency)} and try again.`;
}

// ---------------------------------------------------------------------------------------------
// Renewal at expiry

export type RenewalDecision =
  | { action: 'activate_queued' }
  | { action: 'renew'; price: Decimal; period: Validity & { renewsOn: LocalDate } }
  | { action: 'renewal_failed'; reason: 'balance'; price: Decimal; message: string }
  | { action: 'expire'; reason: 'auto_renew_off' | 'not_renewable' | 'starter_limit' };

/**
 * What happens when a package reaches its expiry (lifecycle.md, Packages; rating.md
 * section 6). A package queued behind it takes over (and an enabled auto-renewal is not
 * charged: one package per application per product). Otherwise an enabled renewal charges
 * the list price and issues the next period with the same anchor; if the balance cannot pay
 * (lifecycle.md *decision*) the renewal fails. Trials, grants, universal packages and free
 * editions are never renewed. A Starter renewal counts towards its three purchases.
 */
export function renewalDecision(input: {
  pkg: Pick<PackageFacts, 'kind' | 'source' | 'product' | 'catalogCode' | 'validFrom' | 'validTo' | 'anchorDay' | 'autoRenew'>;
  renewable: boolean;
  listPrice: Decimal;
  hasQueued: boolean;
  balance: Decimal;
  currency: Currency;
  starter: boolean;
  starterPurchases: number;
}): RenewalDecision {
  if (input.hasQueued) return { action: 'activate_queued' };
  const { pkg } = input;
  if (!input.renewable || pkg.kind !== 'package' || pkg.source === 'grant' || !pkg.validTo) return { action: 'expire', reason: 'not_renewable' };
  if (!pkg.autoRenew) return { action: 'expire', reason: 'auto_renew_off' };
  if (input.starter && input.starterPurchases >= STARTER_MAX_PURCHASES) return { action: 'expire', reason: 'starter_limit' };
  if (!canPay(input.balance, input.listPrice)) {
    return {
      action: 'renewal_failed',
      reason: 'balance',
      price: input.listPrice,
      message: `Auto-renewal needed ${formatMoney(input.listPrice, input.currency)} but the balance was ${formatMoney(input.balance, input.currency)}.`,
    };
  }
  return { action: 'renew', price: input.listPrice, period: nextPeriod({ validTo: pkg.validTo, anchorDay: pkg.anchorDay, validFrom: pkg.validFrom }) };
}

// ---------------------------------------------------------------------------------------------
// What the package page says

/**
 * One sentence on what happens when a package expires, for the package page (lifecycle.md,
 * Packages; seed 003 · RTC-Engine: "the application will be reverted back to the Free
 * package"; Call/Conference/Live: "the features of the package will become unavailable";
 * seed 002: universal packages' unused minutes are cleared, usage goes pay-as-you-go).
 */
export function describeExpiry(input: {
  pkg: Pick<PackageFacts, 'status' | 'kind' | 'product' | 'validTo' | 'anchorDay' | 'validFrom' | 'autoRenew' | 'source' | 'catalogCode' | 'minutes'>;
  renewable: boolean;
  listPrice: Decimal;
  queued: Pick<PackageFacts, 'catalogCode' | 'minutes'> | null;
  balance: Decimal;
  currency: Currency;
}): { text: string; warning?: string } {
  const { pkg } = input;
  if (pkg.status === 'queued') return { text: 'Starts when the package before it expires, with a new month of validity from that day.' };
  if (pkg.status === 'expired') return { text: 'Expired; its unused minutes were cleared.' };
  if (pkg.status === 'void') return { text: 'Refunded and void.' };
  if (!pkg.validTo) return { text: '' };
  const at = formatLocalDateTime(expiryInstant({ validTo: pkg.validTo }));
  const fallback =
    pkg.product === 'rtc-engine'
      ? 'the application returns to the RTC-Engine Free edition (10,000 free minutes a month; suspended when they are used up)'
      : pkg.product === 'universal'
        ? 'its unused minutes are cleared and further usage is billed pay-as-you-go'
        : `the ${PRODUCT_LABEL[pkg.product as ProductCode] ?? pkg.product} features become unavailable for the application`;
  if (input.queued) {
    return { text: `At ${at} (UTC+8) ${packageDisplayName(input.queued)} takes over from this package${pkg.autoRenew ? '; auto-renewal is not charged while a package is queued' : ''}.` };
  }
  if (input.renewable && pkg.autoRenew && pkg.kind === 'package') {
    const next = nextPeriod({ validTo: pkg.validTo, anchorDay: pkg.anchorDay, validFrom: pkg.validFrom });
    const text = `Renews automatically at ${at} (UTC+8): ${formatMoney(input.listPrice, input.currency)} from the balance for ${next.validFrom} to ${next.validTo}. If the balance cannot pay then, the renewal fails and ${fallback}.`;
    return canPay(input.balance, input.listPrice)
      ? { text }
      : { text, warning: `The balance (${formatMoney(input.balance, input.currency)}) would not pay the renewal today; top up before ${at}.` };
  }
  return { text: `Expires at ${at} (UTC+8); then ${fallback}.` };
}
