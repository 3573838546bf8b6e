import type { PriceBook } from '@/lib/rating';

/**
 * How a price book bills, in words for the pages (issue 12 item 3: every page speaks of
 * the account's own book). Pure; the rules themselves are the book's data in lib/rating.
 * - rounding period: seed 003/002/001 round per local day, seed 000 per month
 *   ("cumulative seconds within a billing cycle become minutes", 000 · Notes · Precision);
 * - monthly items (relay, screenshots, signalling) are billed on the 1st (rating.md §5);
 * - free minutes only on the TRTC books (seed 003 · Free Minutes), packages only where the
 *   book has a package ratio table (seed 001 offers none).
 */
export function roundsPerMonth(book: Pick<PriceBook, 'rounding'>): boolean {
  return book.rounding.period === 'month';
}

/** "per application, item and day" / "… month". */
export function roundingUnitPhrase(book: Pick<PriceBook, 'rounding'>): string {
  return roundsPerMonth(book) ? 'per application, item and month' : 'per application, item and day';
}

/** When the book's duration usage is billed. */
export function billingRhythm(book: Pick<PriceBook, 'rounding' | 'monthly'>): string {
  const monthlyItems = Object.keys(book.monthly).length > 0;
  if (roundsPerMonth(book)) return 'A month’s usage is billed on the 1st of the next month (minutes are rounded up once per month); late usage goes on an adjustment.';
  return `Each local day’s pay-as-you-go usage is billed the next day${monthlyItems ? '; monthly items on the 1st' : ''}; late usage on an adjustment.`;
}

/** One sentence about the account's book: currency, rounding, free minutes, packages. */
export function bookBillingSentence(book: Pick<PriceBook, 'name' | 'currency' | 'rounding' | 'monthly' | 'coverage'>): string {
  const free = book.coverage.free?.length ? 'Monthly free minutes are used first.' : 'No free minutes.';
  const packages = book.coverage.package ? 'Packages cover minutes before they are billed.' : 'No packages: everything is pay-as-you-go.';
  return `Pay-as-you-go in ${book.currency}, minutes rounded up ${roundingUnitPhrase(book)}. ${billingRhythm(book)} ${free} ${packages}`;
}
