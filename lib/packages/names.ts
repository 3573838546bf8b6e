import type { useTranslations } from 'next-intl';
import type { Decimal } from '@/lib/money/decimal';
// custom-size, not catalog.ts: client components import this file, and catalog.ts brings the rating barrel.
import { UNIVERSAL_CUSTOM_CODE } from '@/lib/packages/custom-size';

/**
 * Package, product and edition names in the page's language (issue 14 item 4). The catalog
 * (lib/packages/catalog.ts, lib/rating/packages.ts) is pure data with English names; they are
 * translated here at the display edge by code, from the `packages.catalog` / `packages.products`
 * messages. English is word for word `packageDisplayName` (components/packages/package-names.test.tsx checks every code).
 *   const t = await getTranslations('packages');   // or useTranslations('packages')
 *   packageName(t, pkg)
 */
export type PackagesT = ReturnType<typeof useTranslations<'packages'>>;

type Loose = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

export function packageName(t: PackagesT, pkg: { catalogCode: string; minutes: Decimal | string | number }): string {
  const tt = t as unknown as Loose;
  if (pkg.catalogCode === UNIVERSAL_CUSTOM_CODE) {
    const thousands = Number(pkg.minutes.toString()) / 1000;
    return tt('catalog.universal.custom', { thousands });
  }
  const key = `catalog.${pkg.catalogCode}`;
  return tt.has(key) ? tt(key) : pkg.catalogCode;
}

/** "Call", "Universal package": the product of a catalog code's prefix or a stored `packages.product`. */
export function productName(t: PackagesT, product: string): string {
  const tt = t as unknown as Loose;
  const key = `products.${product}`;
  return tt.has(key) ? tt(key) : product;
}

/** "RTC-Engine Standard" for an application's edition (applications.edition). */
export function editionName(t: PackagesT, edition: string): string {
  const tt = t as unknown as Loose;
  const key = `editions.${edition}`;
  return tt.has(key) ? tt(key) : `RTC-Engine ${edition}`;
}

/** A price book's name by its id (lib/rating books). */
export function bookName(t: PackagesT, book: { id: string; name: string }): string {
  const tt = t as unknown as Loose;
  const key = `books.${book.id}`;
  return tt.has(key) ? tt(key) : book.name;
}

/**
 * A package of the entitlement usage rows (lib/usage/queries.ts `listEntitlementUsage`) in the
 * page's language: English keeps the row's own name word for word; Chinese names the edition
 * (RTC-Engine 基础版) or the product by code.
 */
export function entitlementPackageName(t: PackagesT, locale: string, row: { name: string; product: string | null; edition: string | null }): string {
  if (locale === 'en' || !row.product) return row.name;
  const tt = t as unknown as Loose;
  if (row.product === 'rtc-engine' && row.edition && tt.has(`editions.${row.edition}`)) return tt(`editions.${row.edition}`);
  return `${productName(t, row.product)} ${row.edition ?? ''}`.trim();
}
