import type { DbOrTx } from '@/db/client';
import { applicationNames, entitlementNames, getBill, listBillLines, type BillRow } from '@/db/queries/bills';
import type { CsvCell } from '@/lib/export/csv';
import { INTEGER_FMT, MONEY_EXACT_FMT, MONEY_FMT, xlsxBuffer } from '@/lib/export/xlsx';
import { toOffsetIso } from '@/lib/time/format';
import { BILL_CSV_HEADER, billRows } from './csv';
import { BILL_STATUS_LABEL, billKindLabel, billPeriodLabel, billStatus, readExplanation, totalRule } from './present';

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
export async function billXlsx({ bill, lines, apps, names }: LoadedBill): Promise<Buffer> {
  const status = BILL_STATUS_LABEL[billStatus(bill)].label;
  const summary: CsvCell[][] = [
    ['field', 'value'],
    ['Bill', bill.number],
    ['Kind', billKindLabel(bill.kind)],
    ['Period', billPeriodLabel(bill)],
    ['Issued', toOffsetIso(bill.issuedAt)],
    ['Price book', bill.priceBookId],
    ['Currency', bill.currency],
    ['Lines', lines.length],
    ['Amount (exact sum of lines)', bill.amount.toFixed()],
    ['Total', bill.total.toFixed(2)],
    ['Total rule', totalRule(bill).note],
    ['Status', status],
  ];
  return xlsxBuffer(
    [
      { name: 'Bill', rows: summary, numeric: { value: MONEY_EXACT_FMT } },
      { name: 'Lines', rows: billRows(bill, lines, apps, names), numeric: LINE_NUMERIC },
    ],
    { title: `Bill ${bill.number}` },
  );
}

export const BILL_LIST_HEADER = ['bill_number', 'kind', 'period_start', 'period_end', 'issued_at', 'currency', 'lines', 'amount', 'total', 'status'];

export function billListRows(rows: readonly BillRow[]): CsvCell[][] {
  return [
    BILL_LIST_HEADER,
    ...rows.map((b) => [
      b.number,
      billKindLabel(b.kind).toLowerCase(),
      b.periodStart,
      b.periodEnd,
      toOffsetIso(b.issuedAt),
      b.currency,
      b.lineCount,
      b.amount.toFixed(),
      b.total.toFixed(2),
      BILL_STATUS_LABEL[billStatus(b)].label,
    ]),
  ];
}

export async function billListXlsx(rows: readonly BillRow[], title: string): Promise<Buffer> {
  return xlsxBuffer([{ name: 'Bills', rows: billListRows(rows), numeric: { lines: INTEGER_FMT, amount: MONEY_EXACT_FMT, total: MONEY_FMT } }], { title });
}

export { BILL_CSV_HEADER };
