import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import type { CsvCell } from './csv';

/**
 * Export column headers in the reader's language (issue 14 item 4). English keeps the machine
 * names files have always had (`bill_number`, `amount`: scripts and tests read them); Chinese
 * gets the words (账单编号, 金额). Only the header row changes: ids, ISO dates and plain-decimal
 * amounts below it are the same in both languages.
 */
export function exportsT(locale: Locale) {
  return translatorFor(locale, 'exports');
}

export function headerIn(locale: Locale, keys: readonly string[]): string[] {
  if (locale === 'en') return [...keys];
  const t = exportsT(locale);
  return keys.map((k) => (t.has(`columns.${k as 'id'}`) ? t(`columns.${k as 'id'}`) : k));
}

/** An Excel sheet's `numeric` formats keyed by the translated header. */
export function numericIn(locale: Locale, numeric: Readonly<Record<string, string>>): Record<string, string> {
  const keys = Object.keys(numeric);
  const names = headerIn(locale, keys);
  return Object.fromEntries(keys.map((k, i) => [names[i]!, numeric[k]!]));
}

/** The header row of a set of rows, translated; the rest as it is. */
export function withHeaderIn(locale: Locale, rows: CsvCell[][]): CsvCell[][] {
  if (locale === 'en' || rows.length === 0) return rows;
  return [headerIn(locale, rows[0]!.map(String)), ...rows.slice(1)];
}
