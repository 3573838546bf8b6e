import { INTL_LOCALE, type Locale } from './config';

/**
 * Months per language with Intl (issue 14 item 4). Money and quantities: `formatMoney(v, c, locale)`
 * and `formatQuantity(v, locale)` of lib/money/format.ts. Tables keep `YYYY-MM-DD HH:mm`
 * (lib/time/format.ts) in both languages, as TRTC's consoles do.
 */

/** `2024-10` → "October 2024" / "2024年10月". */
export function formatMonthIn(locale: Locale, yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}
