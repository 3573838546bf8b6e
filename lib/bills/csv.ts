import { formatQuantity } from '@/lib/money/format';
import type { Decimal } from '@/lib/money/decimal';
import { csvRows, type CsvCell } from '@/lib/export/csv';
import type { Locale } from '@/lib/i18n/config';
import { exportsT, headerIn } from '@/lib/export/headers';
import { readExplanation } from './present';
import type { EntitlementFacts } from './queries';
import { entitlementKindWord, entitlementNamesIn, itemName, kindWord, stepsIn, totalRuleIn } from './words';

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

/**
 * `locale` (issue 14 item 4): Chinese gets Chinese headers, kinds, item names and explanations;
 * numbers, ids, dates and the AMOUNT/TOTAL markers are the same in both languages.
 */
export function billRows(
  bill: BillForExport,
  lines: readonly LineForExport[],
  appNames: ReadonlyMap<number, string>,
  entitlements: ReadonlyMap<string, EntitlementFacts> = new Map(),
  locale: Locale = 'en',
): CsvCell[][] {
  const t = exportsT(locale);
  const entitlementNames = entitlementNamesIn(locale, entitlements);
  const head = [bill.number, kindWord(locale, bill.kind), bill.periodStart, bill.periodEnd, bill.currency];
  const rows: CsvCell[][] = [headerIn(locale, BILL_CSV_HEADER)];
  for (const l of lines) {
    const e = readExplanation(l.explanation);
    const deductions = (e.detail?.deductions ?? [])
      .map((d) =>
        t('bill.deduction', {
          entitlement: entitlementNames.get(d.entitlement) ?? d.entitlement,
          kind: entitlementKindWord(locale, d.kind),
          minutes: formatQuantity(d.minutes, locale),
          ratio: d.ratio,
          entitlementMinutes: formatQuantity(d.entitlementMinutes, locale),
        }),
      )
      .join(locale === 'en' ? '; ' : '；');
    const steps = stepsIn(locale, e, bill.currency, l.unit).map((s) => withNames(s, entitlementNames));
    rows.push([
      ...head,
      l.sdkAppId ?? '',
      l.sdkAppId === null ? t('bill.account') : (appNames.get(l.sdkAppId) ?? t('bill.deletedApp')),
      l.item,
      itemName(locale, l.item, l.description),
      e.usage ?? e.detail?.usage ?? '',
      l.quantity.toFixed(),
      l.unit,
      l.unitPrice.toFixed(),
      l.per,
      l.amount.toFixed(),
      deductions,
      locale === 'en' ? e.steps.join(' | ') : steps.join(' | '),
    ]);
  }
  rows.push([...head, '', '', 'AMOUNT', t('bill.amountRow'), '', '', '', '', '', bill.amount.toFixed(), '', '']);
  rows.push([...head, '', '', 'TOTAL', t('bill.totalRow', { note: totalRuleIn(locale, bill).note }), '', '', '', '', '', bill.total.toFixed(2), '', '']);
  return rows;
}

/** lib/rating's Chinese sentences name entitlements by id: the file names them (English keeps its text as written). */
function withNames(sentence: string, names: ReadonlyMap<string, string>): string {
  let out = sentence;
  for (const [id, name] of names) if (out.includes(id)) out = out.split(id).join(name);
  return out;
}

export function billCsv(
  bill: BillForExport,
  lines: readonly LineForExport[],
  appNames: ReadonlyMap<number, string>,
  entitlements: ReadonlyMap<string, EntitlementFacts> = new Map(),
  locale: Locale = 'en',
): string {
  return csvRows(billRows(bill, lines, appNames, entitlements, locale));
}
