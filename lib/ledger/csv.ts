import { toPlain } from '@/lib/money/decimal';
import { csvLine } from '@/lib/export/csv';
import { toOffsetIso } from '@/lib/time/format';
import type { Locale } from '@/lib/i18n/config';
import { ledgerDescriptionIn } from './words';
import type { LedgerEntryRow } from './service';

/**
 * The ledger as CSV (lib/export/csv.ts: csv-stringify, RFC 4180, formula-looking text
 * defused). Exact amounts (no rounding, no thousands separators), time with its offset.
 */
export const LEDGER_CSV_COLUMNS = ['id', 'time', 'kind', 'description', 'reference', 'amount', 'currency', 'balance_after'];
export const LEDGER_CSV_HEADER = csvLine(LEDGER_CSV_COLUMNS);

/** `locale`: the description in the reader's language (issue 14 item 4); the kind stays its code, amounts plain decimals. */
export function ledgerCsvCells(e: Pick<LedgerEntryRow, 'id' | 'at' | 'kind' | 'description' | 'descriptionKey' | 'descriptionParams' | 'reference' | 'amount' | 'currency' | 'balanceAfter'>, locale: Locale = 'en'): (string | number | null)[] {
  return [e.id, toOffsetIso(e.at), e.kind, ledgerDescriptionIn(locale, e), e.reference, toPlain(e.amount), e.currency, toPlain(e.balanceAfter)];
}

/** One ledger entry as a CSV row. */
export function ledgerCsvRow(e: Parameters<typeof ledgerCsvCells>[0]): string {
  return csvLine(ledgerCsvCells(e));
}
