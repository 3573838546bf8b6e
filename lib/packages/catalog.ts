import { findCatalogPackage, findPriceBook, getPackageCatalog, priceUniversalPackage, type CatalogPackage } from '@/lib/rating';
import { Decimal } from '@/lib/money/decimal';
import type { Currency } from '@/lib/money/format';
import { UNIVERSAL_CUSTOM_CODE, UNIVERSAL_CUSTOM_MAX_THOUSANDS } from './custom-size';

export { UNIVERSAL_CUSTOM_CODE, UNIVERSAL_CUSTOM_MAX_THOUSANDS } from './custom-size';

/**
 * The console's view of the package catalog of lib/rating (lifecycle.md, Packages table;
 * seed 002 预付费套餐包 for CNY). Product codes are what `packages.product` stores.
 */
export const PRODUCT_CODES = ['rtc-engine', 'call', 'conference', 'live', 'monitoring', 'universal'] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

export const PRODUCT_LABEL: Record<ProductCode, string> = {
  'rtc-engine': 'RTC-Engine',
  call: 'Call',
  conference: 'Conference',
  live: 'Live',
  monitoring: 'Monitoring',
  universal: 'Universal package',
};

/** What a purchase form can offer: a catalog row (or the custom universal size) resolved to a price. */
export type OfferedPackage = {
  catalogCode: string;
  product: ProductCode;
  /** Edition code stored in `packages.edition` (`lite`, `1v1`, `25k`, `custom`, `trial`). */
  edition: string;
  name: string;
  currency: Currency;
  price: Decimal;
  /** Package minutes (null: none, e.g. Monitoring or the RTC-Engine Free edition). */
  minutes: number | null;
  validity: CatalogPackage['validity'];
  trialDays?: number;
  kind: 'package' | 'trial';
  starter: boolean;
  /** Whether it can be renewed automatically at expiry (monthly paid packages only). */
  renewable: boolean;
  /** The custom-size universal package: priced once its size is known. */
  custom: boolean;
  source: string;
};

export function productCodeOf(catalogCode: string): ProductCode {
  const prefix = catalogCode.split('.')[0];
  const found = PRODUCT_CODES.find((p) => p === prefix);
  if (!found) throw new Error(`unknown product in catalog code ${catalogCode}`);
  return found;
}

export function editionCodeOf(catalogCode: string): string {
  return catalogCode.slice(catalogCode.indexOf('.') + 1);
}

function toOffered(c: CatalogPackage): OfferedPackage {
  const product = productCodeOf(c.id);
  const price = new Decimal(c.price);
  return {
    catalogCode: c.id,
    product,
    edition: editionCodeOf(c.id),
    name: `${PRODUCT_LABEL[product] === 'Universal package' ? 'Universal' : PRODUCT_LABEL[product]} ${c.edition}`,
    currency: c.currency,
    price,
    minutes: c.packageMinutes,
    validity: c.validity,
    trialDays: c.trialDays,
    kind: c.validity === 'trial' || c.entitlementKind === 'trial' ? 'trial' : 'package',
    starter: !!c.starter,
    renewable: c.validity === 'monthly' && price.greaterThan(0),
    custom: false,
    source: c.source,
  };
}

/**
 * A catalog code (and for `universal.custom` its size in minutes) resolved to what is sold.
 * Returns null for unknown codes and for sizes the seed does not sell.
 */
export function resolveOffer(catalogCode: string, customMinutes?: number | null): OfferedPackage | null {
  if (catalogCode === UNIVERSAL_CUSTOM_CODE) {
    if (!customMinutes || !Number.isSafeInteger(customMinutes) || customMinutes <= 0 || customMinutes % 1000 !== 0) return null;
    if (customMinutes / 1000 > UNIVERSAL_CUSTOM_MAX_THOUSANDS) return null;
    const quote = priceUniversalPackage(customMinutes);
    return {
      catalogCode,
      product: 'universal',
      edition: 'custom',
      name: `Universal ${quote.thousands.toLocaleString('en-US')} thousand minutes (custom)`,
      currency: 'CNY',
      price: new Decimal(quote.price),
      minutes: customMinutes,
      validity: 'universal',
      kind: 'package',
      starter: false,
      renewable: false,
      custom: true,
      source: `002 · 预付费套餐包 · 自定义套餐包 (${quote.unitPricePerThousand} CNY per thousand, ${quote.discount})`,
    };
  }
  const c = findCatalogPackage(catalogCode);
  return c ? toOffered(c) : null;
}

/** The offer a stored package was sold as (a custom universal package by its size), for its renewal terms and list price. */
export function offerOfPackage(pkg: { catalogCode: string; minutes: Decimal }): OfferedPackage | null {
  return resolveOffer(pkg.catalogCode, Number(pkg.minutes.toFixed()));
}

/**
 * What an account of `currency` can buy: every catalog row of its currency except the
 * RTC-Engine Free edition (every application is on it by default) and the 2022 free
 * trial (granted with the first application, never sold).
 */
export function purchasableCatalog(currency: Currency): OfferedPackage[] {
  const rows = getPackageCatalog(currency)
    .filter((c) => c.id !== 'rtc-engine.free' && c.id !== 'universal.trial')
    .map(toOffered);
  if (currency === 'CNY') {
    // The custom size, shown as one choice; resolveOffer prices it once the size is given.
    rows.push({
      catalogCode: UNIVERSAL_CUSTOM_CODE,
      product: 'universal',
      edition: 'custom',
      name: 'Universal custom size',
      currency: 'CNY',
      price: new Decimal(0),
      minutes: null,
      validity: 'universal',
      kind: 'package',
      starter: false,
      renewable: false,
      custom: true,
      source: '002 · 预付费套餐包 · 自定义套餐包',
    });
  }
  return rows;
}

/**
 * What an account on `priceBookId` can buy (issue 12): nothing on a book without packages
 * (hst-cny: "seed 001 offers no packages"), else the catalog of the book's currency
 * (rtv-cny: seed 000 · Billing method, prepaid universal packages).
 */
export function purchasableCatalogForBook(priceBookId: string): OfferedPackage[] {
  const book = findPriceBook(priceBookId);
  if (!book || !bookSellsPackages(book)) return [];
  return purchasableCatalog(book.currency);
}

/** A book with a package ratio table sells packages; one without (seed 001) does not. */
export function bookSellsPackages(book: { coverage: { package?: unknown } }): boolean {
  return !!book.coverage.package;
}

/** Display name of a stored package. */
export function packageDisplayName(pkg: { catalogCode: string; minutes: Decimal | string | number }): string {
  if (pkg.catalogCode === UNIVERSAL_CUSTOM_CODE) {
    const thousands = new Decimal(pkg.minutes.toString()).dividedBy(1000);
    return `Universal ${thousands.toNumber().toLocaleString('en-US')} thousand minutes (custom)`;
  }
  return resolveOffer(pkg.catalogCode)?.name ?? pkg.catalogCode;
}

/** RTC-Engine editions that set `applications.edition` (lifecycle.md, Applications). */
export const RTC_ENGINE_EDITIONS = ['starter', 'lite', 'standard', 'pro'] as const;
export type PaidEdition = (typeof RTC_ENGINE_EDITIONS)[number];

export function rtcEngineEditionOf(pkg: { product: string; edition: string }): PaidEdition | null {
  if (pkg.product !== 'rtc-engine') return null;
  return (RTC_ENGINE_EDITIONS as readonly string[]).includes(pkg.edition) ? (pkg.edition as PaidEdition) : null;
}

/**
 * Products whose paid package lifts a Free-edition application's exhausted-free-minutes
 * suspension (seed 003 · Free Minutes: suspended when the free quota is used up "and no
 * RTC-Engine, Call, Conference or Live package has been purchased"); the 2022 universal
 * packages play that role for CNY accounts.
 */
export const RESUMING_PRODUCTS: readonly ProductCode[] = ['rtc-engine', 'call', 'conference', 'live', 'universal'];
