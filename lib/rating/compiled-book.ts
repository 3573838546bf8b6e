import { Decimal, ZERO } from '@/lib/money/decimal';
import type { PriceBook, PriceItem, ResolutionTier } from './types';
import { localCalendar, type LocalCalendar } from './time-zone';

/**
 * A price book prepared for the hot path: item codes to indexes, the local calendar,
 * the deduction order of items. Built once per book object and cached.
 */
export type CompiledBook = {
  book: PriceBook;
  calendar: LocalCalendar;
  items: readonly PriceItem[];
  /** Rank of each item index in the deduction order of rating.md section 4. */
  deductionRank: Int32Array;
  /** Item index of a code, or -1. */
  indexOf(code: string): number;
};

/** rating.md section 4: within a window, audio, sd, hd, fhd, 2k, 4k, then the others alphabetically. */
const MEDIA_ORDER = ['audio', 'sd', 'hd', 'fhd', '2k', '4k'];

export function compareItemsForDeduction(a: string, b: string): number {
  const ra = MEDIA_ORDER.indexOf(a), rb = MEDIA_ORDER.indexOf(b);
  if (ra !== -1 || rb !== -1) return (ra === -1 ? 99 : ra) - (rb === -1 ? 99 : rb);
  return a < b ? -1 : a > b ? 1 : 0;
}

const cache = new WeakMap<PriceBook, CompiledBook>();

export function compileBook(book: PriceBook): CompiledBook {
  const hit = cache.get(book);
  if (hit) return hit;
  const itemIndex = new Map(book.items.map((item, i) => [item.code, i]));
  if (itemIndex.size !== book.items.length) throw new Error(`price book ${book.id} lists an item code twice`);
  const order = book.items.map((item, i) => ({ code: item.code, i })).sort((x, y) => compareItemsForDeduction(x.code, y.code));
  const deductionRank = new Int32Array(book.items.length);
  order.forEach((o, rank) => (deductionRank[o.i] = rank));
  const compiled: CompiledBook = {
    book,
    calendar: localCalendar(book.timeZone),
    items: book.items,
    deductionRank,
    indexOf: (code) => itemIndex.get(code) ?? -1,
  };
  cache.set(book, compiled);
  return compiled;
}

/** The tier an area falls in (tiers ascending by `maxArea`, the last unbounded). */
export function tierOf(tiers: readonly ResolutionTier[], area: number): ResolutionTier {
  for (const tier of tiers) if (tier.maxArea === null || area <= tier.maxArea) return tier;
  return tiers[tiers.length - 1] as ResolutionTier;
}

/** `recording.{mode}.{tier}` with its variables filled in. */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}

/** rating.md section 3: amount = quantity x unitPrice / per, exact (rounded only in `total`). */
export function listAmount(item: PriceItem, quantity: Decimal): Decimal {
  if (quantity.isZero()) return ZERO;
  const p = pricing(item);
  // `per` a power of ten (1, 1000: every book's): unitPrice / per is the price shifted, exact, so
  // quantity x (unitPrice / per) has the digits of quantity x unitPrice, rounded to the same 40
  // significant digits: the same Decimal as the product divided by per, without a division.
  return p.perUnit ? quantity.times(p.perUnit) : quantity.times(p.price).div(item.per);
}

/** An item's unit price parsed once (a day's bill prices thousands of lines of a few items), and per unit when exact. */
function pricing(item: PriceItem): { price: Decimal; perUnit: Decimal | null } {
  let p = prices.get(item);
  if (!p) {
    const price = new Decimal(item.unitPrice);
    // Exact only for a price of at most `precision` digits (a longer one would be rounded by the division).
    const exact = Number.isSafeInteger(item.per) && /^10*$/.test(String(item.per)) && price.isFinite() && price.sd() <= Decimal.precision;
    prices.set(item, (p = { price, perUnit: exact ? price.div(item.per) : null }));
  }
  return p;
}
const prices = new WeakMap<PriceItem, { price: Decimal; perUnit: Decimal | null }>();

/** The item's unit price as a Decimal (parsed once per item; Decimals are immutable, so shared). */
export const unitPriceOf = (item: PriceItem): Decimal => pricing(item).price;
