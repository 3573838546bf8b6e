import type { DbOrTx } from '@/db/client';
import { applicationNames, entitlementNames, getBill, listBillLines, type BillRow } from '@/lib/bills/queries';
import type { CsvCell } from '@/lib/export/csv';
import { INTEGER_FMT, MONEY_EXACT_FMT, MONEY_FMT, xlsxBuffer } from '@/lib/export/xlsx';
import { toOffsetIso } from '@/lib/time/format';
import { BILL_CSV_HEADER, billRows } from './csv';
import type { Locale } from '@/lib/i18n/config';
import { exportsT, headerIn, numericIn } from '@/lib/export/headers';
import { billPeriodLabel, billStatus, readExplanation } from './present';
import { kindLabel, kindWord, statusWords, totalRuleIn } from './words';

/**
 * Bill downloads (lifecycle.md, Settlement and bills: "Bills can be downloaded"): one bill
 * with its lines as CSV or Excel, and a list of bills (the bills page's filters: kind,
 * month) as CSV or Excel. Every read is scoped by the account id: another account's bill
 * is "not found" like a missing one.
 */
export async function loadBillForExport(db: DbOrTx, accountId: string, billId: string) {
  const bill = await getBill(db, accountId, billId);
  if (!bill) return null;
  const [lines, apps] = await Promise.all([listBillLines(db, accountId, bill.id), applicationNames(db, accountId)]);
  const names = await entitlementNames(db, accountId, lines.flatMap((l) => readExplanation(l.explanation).detail?.deductions.map((d) => d.entitlement) ?? []));
  return { bill, lines, apps, names };
}

type LoadedBill = NonNullable<Awaited<ReturnType<typeof loadBillForExport>>>;

/** Excel columns of the bill lines that hold numbers. */
const LINE_NUMERIC = { sdk_app_id: '0', quantity: '#,##0.######', unit_price: '#,##0.######', per: INTEGER_FMT, amount: MONEY_EXACT_FMT };

/**
 * A bill as a workbook: "Bill" (what the page's header shows: number, kind, period, amount,
 * total to the cent, status) and "Lines" (the CSV's rows; the AMOUNT and TOTAL rows last).
 */
export async function billXlsx({ bill, lines, apps, names }: LoadedBill, locale: Locale = 'en'): Promise<Buffer> {
  const t = exportsT(locale);
  const status = statusWords(locale, billStatus(bill)).label;
  const summary: CsvCell[][] = [
    headerIn(locale, ['field', 'value']),
    [t('bill.bill'), bill.number],
    [t('bill.kind'), kindLabel(locale, bill.kind)],
    [t('bill.period'), billPeriodLabel(bill)],
    [t('bill.issued'), toOffsetIso(bill.issuedAt)],
    [t('bill.priceBook'), bill.priceBookId],
    [t('bill.currency'), bill.currency],
    [t('bill.lines'), lines.length],
    [t('bill.amountExact'), bill.amount.toFixed()],
    [t('bill.total'), bill.total.toFixed(2)],
    [t('bill.totalRule'), totalRuleIn(locale, bill).note],
    [t('bill.status'), status],
  ];
  return xlsxBuffer(
    [
      { name: t('sheets.bill'), rows: summary, numeric: numericIn(locale, { value: MONEY_EXACT_FMT }) },
      { name: t('sheets.lines'), rows: billRows(bill, lines, apps, names, locale), numeric: numericIn(locale, LINE_NUMERIC) },
    ],
    { title: t('bill.title', { number: bill.number }) },
  );
}

export const BILL_LIST_HEADER = ['bill_number', 'kind', 'period_start', 'period_end', 'issued_at', 'currency', 'lines', 'amount', 'total', 'status'];

export function billListRows(rows: readonly BillRow[], locale: Locale = 'en'): CsvCell[][] {
  return [
    headerIn(locale, BILL_LIST_HEADER),
    ...rows.map((b) => [
      b.number,
      kindWord(locale, b.kind),
      b.periodStart,
      b.periodEnd,
      toOffsetIso(b.issuedAt),
      b.currency,
      b.lineCount,
      b.amount.toFixed(),
      b.total.toFixed(2),
      statusWords(locale, billStatus(b)).label,
    ]),
  ];
}

export async function billListXlsx(rows: readonly BillRow[], month: string | undefined, locale: Locale = 'en'): Promise<Buffer> {
  const t = exportsT(locale);
  const title = month ? t('bill.listTitle', { month }) : t('bill.listTitleAll');
  return xlsxBuffer([{ name: t('sheets.bills'), rows: billListRows(rows, locale), numeric: numericIn(locale, { lines: INTEGER_FMT, amount: MONEY_EXACT_FMT, total: MONEY_FMT }) }], { title });
}

export { BILL_CSV_HEADER };
