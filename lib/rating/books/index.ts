import type { PriceBook } from '../types';
import { HST_CNY } from './hst-cny';
import { RTV_CNY } from './rtv-cny';
import { TRTC_2022_CNY } from './trtc-2022-cny';
import { TRTC_2024_USD } from './trtc-2024-usd';

/** Built-in price books (rating.md section 2). A new version or provider is one more entry here. */
const BOOKS: readonly PriceBook[] = [TRTC_2024_USD, TRTC_2022_CNY, RTV_CNY, HST_CNY];

const BY_ID = new Map(BOOKS.map((b) => [b.id, b]));

export function listPriceBooks(): readonly PriceBook[] {
  return BOOKS;
}

export function findPriceBook(id: string): PriceBook | undefined {
  return BY_ID.get(id);
}

export function getPriceBook(id: string): PriceBook {
  const book = BY_ID.get(id);
  if (!book) throw new Error(unknownPriceBook(id));
  return book;
}

/** The one wording of an unknown book id, listing the known ones (getPriceBook, scenarios, the rate command). */
export function unknownPriceBook(id: string): string {
  return `unknown price book "${id}" (known: ${BOOKS.map((b) => b.id).join(', ')})`;
}
