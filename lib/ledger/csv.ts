import { toPlain } from '@/lib/money/decimal';
import { toOffsetIso } from '@/lib/time/format';
import type { LedgerEntryRow } from './service';

/**
 * CSV (RFC 4180): a field with a comma, quote, CR or LF is quoted and its quotes doubled.
 * Free text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe (OWASP CSV injection); numbers are written as they are.
 */
export function csvField(value: string | number | null | undefined, options: { text?: boolean } = {}): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (options.text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(fields: string[]): string {
  return `${fields.join(',')}\r\n`;
}

export const LEDGER_CSV_HEADER = csvRow(['id', 'time', 'kind', 'description', 'reference', 'amount', 'currency', 'balance_after']);

/** One ledger entry as a CSV row: exact amounts (no rounding, no thousands separators), time with offset. */
export function ledgerCsvRow(e: Pick<LedgerEntryRow, 'id' | 'at' | 'kind' | 'description' | 'reference' | 'amount' | 'currency' | 'balanceAfter'>): string {
  return csvRow([
    csvField(e.id),
    csvField(toOffsetIso(e.at)),
    csvField(e.kind),
    csvField(e.description, { text: true }),
    csvField(e.reference, { text: true }),
    csvField(toPlain(e.amount)),
    csvField(e.currency),
    csvField(toPlain(e.balanceAfter)),
  ]);
}
