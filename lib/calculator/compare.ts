import { calculatePrice, getPackageCatalog, getPriceBook, type CalculatorItem } from '@/lib/rating';
import { dec, quantize, sum } from '@/lib/money/decimal';

/**
 * The price calculator (seed 003 FAQ "How do I estimate my usage of TRTC services and the
 * cost?"): the same quantities priced pay-as-you-go and with each package edition sold in
 * the book's currency, through lib/rating's calculatePrice (which deducts in the order of
 * rating.md section 4). The cheapest option is the lowest total, pay-as-you-go winning ties.
 */
export type PackageOption = {
  catalogId: string;
  name: string;
  price: string;
  packageMinutes: string;
  /** Package minutes the usage would take (video at its ratio), and what is left to pay. */
  packageMinutesUsed: string;
  usageAmount: string;
  total: string;
  /** The package covers none of these items under this book (e.g. signalling, recording). */
  coversNothing: boolean;
  source: string;
};

export type PriceComparison = {
  bookId: string;
  bookName: string;
  currency: 'USD' | 'CNY';
  /** Duration rounding of the book (seed 000 rounds per month) and whether it has monthly free minutes (seed 003 only). */
  roundingPeriod: 'day' | 'month';
  freeMinutes: boolean;
  items: CalculatorItem[];
  payg: { amount: string; total: string };
  options: PackageOption[];
  cheapest: { kind: 'payg' } | { kind: 'package'; catalogId: string; saving: string };
};


/** What the calculator action answers (app/(console)/calculator/actions.ts) and its form shows. */
export type CalculatorAnswer = { comparison: PriceComparison; quantities: Record<string, string>; bookId: string; source: 'input' | 'last-month'; month?: string; run: number };

export function comparePrices(bookId: string, quantities: Readonly<Record<string, string>>): PriceComparison {
  const book = getPriceBook(bookId);
  const minutesByItem = Object.fromEntries(Object.entries(quantities).filter(([, q]) => dec(q).greaterThan(0)));
  const payg = calculatePrice({ bookId, minutesByItem });
  // A book without packages (hst-cny, seed 001) compares nothing but pay-as-you-go.
  const options: PackageOption[] = (book.coverage.package ? getPackageCatalog(book.currency) : [])
    .filter((p) => p.entitlementKind !== null && (p.packageMinutes ?? 0) > 0)
    .map((p) => {
      const r = calculatePrice({ bookId, minutesByItem, package: { catalogId: p.id } });
      const w = r.withPackage as NonNullable<typeof r.withPackage>;
      return {
        catalogId: p.id,
        name: `${p.product} ${p.edition}`,
        price: p.price,
        packageMinutes: w.packageMinutes,
        packageMinutesUsed: w.packageMinutesUsed,
        usageAmount: w.usageAmount,
        total: w.total,
        coversNothing: dec(w.packageMinutesUsed).isZero() && !dec(payg.amount).isZero(),
        source: p.source,
      };
    })
    .sort((a, b) => dec(a.total).comparedTo(b.total) || dec(a.price).comparedTo(b.price));
  const best = options[0];
  const cheapest: PriceComparison['cheapest'] =
    best && dec(best.total).lessThan(payg.total) ? { kind: 'package', catalogId: best.catalogId, saving: quantize(dec(payg.total).minus(best.total)).toFixed(2) } : { kind: 'payg' };
  return { bookId, bookName: book.name, currency: book.currency, roundingPeriod: book.rounding.period, freeMinutes: !!book.coverage.free?.length, items: payg.items, payg: { amount: payg.amount, total: payg.total }, options, cheapest };
}

export type DailyUsageForEstimate = { sdkAppId: number; localDay: string; item: string; seconds: number; quantity: number; peakKbps: string };

/**
 * Quantities per item from a month of day totals (`listDailyUsage`: the summed aggregates), as the bill would count them
 * before packages: minutes rounded up per application per day (per month for books
 * rounding per month), relay as the peak Mbps (the highest per-day sum over applications
 * of their peaks: an upper bound of the account's peak), screenshots and signalling as
 * billable thousands after the monthly free quota.
 */
export function quantitiesFromUsage(bookId: string, rows: readonly DailyUsageForEstimate[]): Record<string, string> {
  const book = getPriceBook(bookId);
  const unitOf = new Map(book.items.map((i) => [i.code, i.unit]));
  const minutes = new Map<string, number>();
  const monthSeconds = new Map<string, number>();
  const relayByDay = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const unit = unitOf.get(r.item);
    if (unit === 'minute') {
      if (book.rounding.period === 'month') monthSeconds.set(`${r.sdkAppId}|${r.item}|${r.localDay.slice(0, 7)}`, (monthSeconds.get(`${r.sdkAppId}|${r.item}|${r.localDay.slice(0, 7)}`) ?? 0) + r.seconds);
      else minutes.set(r.item, (minutes.get(r.item) ?? 0) + Math.ceil(r.seconds / 60));
    } else if (unit === 'Mbps') {
      relayByDay.set(`${r.item}|${r.localDay}`, (relayByDay.get(`${r.item}|${r.localDay}`) ?? 0) + Number(r.peakKbps));
    } else if (unit) {
      counts.set(r.item, (counts.get(r.item) ?? 0) + r.quantity);
    }
  }
  for (const [key, seconds] of monthSeconds) {
    const item = key.split('|')[1] as string;
    minutes.set(item, (minutes.get(item) ?? 0) + Math.ceil(seconds / 60));
  }
  const out: Record<string, string> = {};
  for (const [item, m] of minutes) if (m > 0) out[item] = String(m);
  const peaks = new Map<string, number>();
  for (const [key, kbps] of relayByDay) {
    const item = key.split('|')[0] as string;
    peaks.set(item, Math.max(peaks.get(item) ?? 0, kbps));
  }
  for (const [item, kbps] of peaks) {
    const mbps = dec(kbps).div(1000).toDecimalPlaces(3);
    const free = item === book.monthly.relay?.items.tencent ? (book.monthly.relay?.freePeakMbps.tencent ?? 0) : 0;
    if (mbps.greaterThan(free)) out[item] = mbps.toFixed();
  }
  for (const [item, n] of counts) {
    const rule = item === book.monthly.screenshot?.item ? book.monthly.screenshot : item === book.monthly.signaling?.item ? book.monthly.signaling : undefined;
    if (!rule) continue;
    const excess = Math.max(0, n - rule.free);
    const units = rule.rounding === 'ceil' ? Math.ceil(excess / rule.perUnit) : excess / rule.perUnit;
    if (units > 0) out[item] = String(units);
  }
  return out;
}

/** Sum of a comparison's PAYG per-item costs equals its amount (a guard for tests). */
export function paygItemsSum(c: PriceComparison): string {
  return sum(c.items.map((i) => i.cost)).toFixed();
}
