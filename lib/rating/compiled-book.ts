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
  // The unit price parsed once per item (a day's bill prices thousands of lines of a few items).
  let price = unitPrices.get(item);
  if (!price) unitPrices.set(item, (price = new Decimal(item.unitPrice)));
  return quantity.times(price).div(item.per);
}
const unitPrices = new WeakMap<PriceItem, Decimal>();
