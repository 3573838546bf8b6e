import { dec, quantize } from '@/lib/money/decimal';
import type { Currency, EntitlementKind } from './types';

/**
 * The package catalog of lifecycle.md (seed 003 for USD, seed 002 for CNY) as data.
 * Prices are per period (a month for monthly packages); minutes per month.
 */
export type CatalogPackage = {
  id: string;
  product: 'RTC-Engine' | 'Call' | 'Conference' | 'Live' | 'Monitoring' | 'Universal';
  edition: string;
  currency: Currency;
  price: string;
  /** Package minutes per period; null when the edition has none ("-"). */
  packageMinutes: number | null;
  /** Monthly free minutes the seed lists with the edition (account-wide, used first). */
  freeMinutes: number;
  /** `monthly`: packageValidity; `trial`: `trialDays` days; `universal`: universalPackageValidity. */
  validity: 'monthly' | 'trial' | 'universal';
  trialDays?: number;
  /** The entitlement the package grants to rating, if any. */
  entitlementKind: EntitlementKind | null;
  /** Starter editions: only for accounts that never bought the product's official editions, at most 3 times. */
  starter?: { maxPurchasesPerAccount: number };
  source: string;
};

/** Starter editions may be bought at most this many times per account (seed 003 · Starter plan). The one home of the limit. */
export const STARTER_MAX_PURCHASES = 3;
const STARTER = { starter: { maxPurchasesPerAccount: STARTER_MAX_PURCHASES } };

const RTC = '003 · RTC-Engine Monthly Packages · Edition Features and Pricing';
const CALL = '003 · Call Monthly Packages · TRTC Call Monthly Packages';
const CONF = '003 · Conference Monthly Packages';
const LIVE = '003 · Live Monthly Packages · Monthly Package Details';
const MON = '003 · Monitoring Dashboard Monthly Packages · Pricing';
const UNI = '002 · 预付费套餐包 · 计费价格';

const monthly = (id: string, product: CatalogPackage['product'], edition: string, price: string, packageMinutes: number | null, source: string, extra: Partial<CatalogPackage> = {}): CatalogPackage => ({
  id, product, edition, currency: 'USD', price, packageMinutes, freeMinutes: 10_000, validity: 'monthly',
  entitlementKind: packageMinutes ? 'package' : null, source, ...extra,
});
const trial = (id: string, product: CatalogPackage['product'], days: number, source: string): CatalogPackage => ({
  id, product, edition: `Free Trial (${days} days)`, currency: 'USD', price: '0', packageMinutes: null, freeMinutes: 10_000,
  validity: 'trial', trialDays: days, entitlementKind: null, source,
});

const USD_CATALOG: CatalogPackage[] = [
  monthly('rtc-engine.free', 'RTC-Engine', 'Free', '0', null, RTC),
  monthly('rtc-engine.starter', 'RTC-Engine', 'Starter', '9.9', 50_000, `${RTC} · Starter plan`, STARTER),
  monthly('rtc-engine.lite', 'RTC-Engine', 'Lite', '49.5', 50_000, RTC),
  monthly('rtc-engine.standard', 'RTC-Engine', 'Standard', '499', 500_000, RTC),
  monthly('rtc-engine.pro', 'RTC-Engine', 'Pro', '1499', 1_500_000, RTC),
  trial('call.trial', 'Call', 7, CALL),
  monthly('call.1v1', 'Call', '1-to-1 Call', '199', 100_000, CALL),
  monthly('call.group', 'Call', 'Group Call', '597', 300_000, CALL),
  trial('conference.trial', 'Conference', 14, CONF),
  monthly('conference.starter', 'Conference', 'Starter', '39.9', 50_000, `${CONF} · Starter plan`, STARTER),
  monthly('conference.lite', 'Conference', 'Lite', '299', 100_000, CONF),
  monthly('conference.standard', 'Conference', 'Standard', '599', 300_000, CONF),
  monthly('conference.pro', 'Conference', 'Pro', '899', 450_000, CONF),
  trial('live.trial', 'Live', 14, LIVE),
  monthly('live.lite', 'Live', 'Lite', '299', 100_000, LIVE),
  monthly('live.standard', 'Live', 'Standard', '599', 300_000, LIVE),
  monthly('live.pro', 'Live', 'Pro', '899', 450_000, LIVE),
  monthly('monitoring.standard', 'Monitoring', 'Standard', '4999', null, MON, { freeMinutes: 0 }),
  monthly('monitoring.premium', 'Monitoring', 'Premium', '8999', null, MON, { freeMinutes: 0 }),
];

/**
 * 002 · 预付费套餐包: tiers by size X (thousand minutes). The table's in-package unit price
 * per thousand is rounded up to 3 decimals for display; billing uses the per-minute price
 * to 8 decimals (表格中套餐内单价按每千分钟单价向上取整精确到小数点后3位，实际计费按每分钟单价精确到小数点后8位).
 * For X >= 3000 that is 16,888 / 3,000,000 = 0.00562933 (shown as 5.630).
 */
export const UNIVERSAL_TIERS: readonly { fromThousands: number; unitPricePerThousand: string; perMinute: string; discount: string }[] = [
  { fromThousands: 0, unitPricePerThousand: '7.000', perMinute: '0.00700000', discount: '100%' },
  { fromThousands: 25, unitPricePerThousand: '6.720', perMinute: '0.00672000', discount: '96%' },
  { fromThousands: 250, unitPricePerThousand: '6.352', perMinute: '0.00635200', discount: '91%' },
  { fromThousands: 1000, unitPricePerThousand: '5.968', perMinute: '0.00596800', discount: '85%' },
  { fromThousands: 3000, unitPricePerThousand: '5.630', perMinute: '0.00562933', discount: '80%' },
];

const UNIVERSAL_FIXED: readonly { thousands: number; price: string }[] = [
  { thousands: 25, price: '168.00' },
  { thousands: 250, price: '1588.00' },
  { thousands: 1000, price: '5968.00' },
  { thousands: 3000, price: '16888.00' },
];

const CNY_CATALOG: CatalogPackage[] = [
  ...UNIVERSAL_FIXED.map((f): CatalogPackage => ({
    id: `universal.${f.thousands}k`, product: 'Universal', edition: `${f.thousands.toLocaleString('en-US')} thousand minutes`,
    currency: 'CNY', price: f.price, packageMinutes: f.thousands * 1000, freeMinutes: 0, validity: 'universal',
    entitlementKind: 'package', source: `${UNI} · 固定套餐包`,
  })),
  {
    id: 'universal.trial', product: 'Universal', edition: 'Free trial (10,000 minutes)', currency: 'CNY', price: '0',
    packageMinutes: 10_000, freeMinutes: 0, validity: 'universal', entitlementKind: 'trial', source: '002 · 免费试用套餐包',
  },
];

export function getPackageCatalog(currency: Currency): readonly CatalogPackage[] {
  return currency === 'USD' ? USD_CATALOG : CNY_CATALOG;
}

export function findCatalogPackage(id: string): CatalogPackage | undefined {
  return [...USD_CATALOG, ...CNY_CATALOG].find((p) => p.id === id);
}

export type UniversalPackageQuote = {
  minutes: number;
  thousands: number;
  /** CNY, 2 decimals. */
  price: string;
  /** The table's display price per thousand minutes, and the per-minute price billing uses (8 decimals). */
  unitPricePerThousand: string;
  perMinute: string;
  discount: string;
  fixed: boolean;
};

/**
 * Price of a 2022 universal package of `minutes` (a positive multiple of 1,000): the fixed
 * price for the four fixed sizes (25 / 250 / 1,000 / 3,000 thousand), else minutes x the
 * tier's per-minute price (8 decimals), rounded half-up to the fen.
 */
export function priceUniversalPackage(minutes: number): UniversalPackageQuote {
  if (!Number.isSafeInteger(minutes) || minutes <= 0 || minutes % 1000 !== 0) {
    throw new Error(`universal package size: expected a positive whole number of thousand minutes, got ${minutes}`);
  }
  const thousands = minutes / 1000;
  let tier = UNIVERSAL_TIERS[0] as (typeof UNIVERSAL_TIERS)[number];
  for (const t of UNIVERSAL_TIERS) if (thousands >= t.fromThousands) tier = t;
  const fixed = UNIVERSAL_FIXED.find((f) => f.thousands === thousands);
  const price = fixed ? dec(fixed.price) : quantize(dec(tier.perMinute).times(minutes), 2);
  return {
    minutes,
    thousands,
    price: price.toFixed(2),
    unitPricePerThousand: tier.unitPricePerThousand,
    perMinute: tier.perMinute,
    discount: tier.discount,
    fixed: fixed !== undefined,
  };
}
