import { useLocale, useTranslations } from 'next-intl';
import type { PriceBook } from '@/lib/rating';

/**
 * How the account's price book bills, in the page's language: lib/bills/book-words.ts
 * `bookBillingSentence` (English word for word) from the same facts of the book.
 */
export function BookSentence({ book }: { book: Pick<PriceBook, 'currency' | 'rounding' | 'monthly' | 'coverage'> }) {
  const t = useTranslations('packages.book');
  const locale = useLocale();
  const perMonth = book.rounding.period === 'month';
  const sentences = [
    t('payg', { currency: book.currency, period: perMonth ? 'month' : 'day' }),
    perMonth ? t('rhythmMonth') : t('rhythmDay', { monthly: Object.keys(book.monthly).length > 0 ? 'yes' : 'no' }),
    book.coverage.free?.length ? t('free') : t('noFree'),
    book.coverage.package ? t('packages') : t('noPackages'),
  ];
  return <>{sentences.join(locale === 'zh' ? '' : ' ')}</>;
}
