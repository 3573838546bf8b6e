import { useLocale, useTranslations } from 'next-intl';

/**
 * A price book item's name in the page's language (issue 14 item 4). The books (lib/rating/books)
 * are data with English names, and the same code reads a little differently per book (the 2024
 * book adds pixel bounds), so English shows the book's own name and Chinese the `calculator.items`
 * message of the code (nested by its dots: `recording.single.hd`).
 */
export function useItemName(): (item: { code: string; name: string }) => string {
  const t = useTranslations('calculator.items');
  const locale = useLocale();
  const tt = t as unknown as { (key: string): string; has(key: string): boolean };
  return (item) => (locale === 'en' || !tt.has(item.code) ? item.name : tt(item.code));
}
