import { formatQuantity } from '@/lib/money/format';
import type { Decimal } from '@/lib/money/decimal';
import { csvRows, type CsvCell } from '@/lib/export/csv';
import { billKindLabel, readExplanation, totalRule } from './present';

/**
 * A bill as rows (lifecycle.md, Settlement and bills: "Bills can be downloaded (CSV)"), for
 * CSV (lib/export/csv.ts) and Excel (lib/bills/xlsx.ts) alike: one row per line with its
 * explanation, then the exact amount and the total the page shows. Amounts are exact
 * decimals as stored; the total is the bill's half-up 2-decimal total (rating.md section 3),
 * so the file's totals are the page's.
 */
export const BILL_CSV_HEADER = [
  'bill_number', 'kind', 'period_start', 'period_end', 'currency', 'sdk_app_id', 'application', 'item', 'description',
  'usage', 'quantity', 'unit', 'unit_price', 'per', 'amount', 'deductions', 'explanation',
];

export type BillForExport = { number: string; kind: 'daily' | 'monthly' | 'adjustment'; adjustmentSeq?: number | null; periodStart: string; periodEnd: string; currency: string; amount: Decimal; total: Decimal };
export type LineForExport = { sdkAppId: number | null; item: string; description: string; quantity: Decimal; unit: string; unitPrice: Decimal; per: number; amount: Decimal; explanation: unknown };

export function billRows(bill: BillForExport, lines: readonly LineForExport[], appNames: ReadonlyMap<number, string>, entitlementNames: ReadonlyMap<string, string> = new Map()): CsvCell[][] {
  const head = [bill.number, billKindLabel(bill.kind).toLowerCase(), bill.periodStart, bill.periodEnd, bill.currency];
  const rows: CsvCell[][] = [BILL_CSV_HEADER];
  for (const l of lines) {
    const e = readExplanation(l.explanation);
    const deductions = (e.detail?.deductions ?? [])
      .map((d) => `${entitlementNames.get(d.entitlement) ?? d.entitlement} (${d.kind}): ${formatQuantity(d.minutes)} min at 1:${d.ratio} = ${formatQuantity(d.entitlementMinutes)} entitlement min`)
      .join('; ');
    rows.push([
      ...head,
      l.sdkAppId ?? '',
      l.sdkAppId === null ? 'account' : (appNames.get(l.sdkAppId) ?? 'deleted application'),
      l.item,
      l.description,
      e.usage ?? e.detail?.usage ?? '',
      l.quantity.toFixed(),
      l.unit,
      l.unitPrice.toFixed(),
      l.per,
      l.amount.toFixed(),
      deductions,
      e.steps.join(' | '),
    ]);
  }
  rows.push([...head, '', '', 'AMOUNT', 'Amount: exact sum of the lines', '', '', '', '', '', bill.amount.toFixed(), '', '']);
  rows.push([...head, '', '', 'TOTAL', `Total charged: ${totalRule(bill).note}`, '', '', '', '', '', bill.total.toFixed(2), '', '']);
  return rows;
}

export function billCsv(bill: BillForExport, lines: readonly LineForExport[], appNames: ReadonlyMap<number, string>, entitlementNames: ReadonlyMap<string, string> = new Map()): string {
  return csvRows(billRows(bill, lines, appNames, entitlementNames));
}
