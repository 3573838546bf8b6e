import { z } from 'zod';
import type { LineDetail } from '@/lib/rating';
import { dec, sum, type Decimal } from '@/lib/money/decimal';

/**
 * Bill presentation (lifecycle.md, Settlement and bills: "each line explains itself: the
 * records, the rounding, the deductions and the price that produced it"). Bill lines
 * carry the settlement's explanation JSON: `{ usage, detail: LineDetail, steps[],
 * rerated? }` (lib/settlement). It is read defensively: what is missing is left out,
 * never invented, and the steps (sentences from lib/rating's explainDetail) are always
 * shown.
 */
const deductionSchema = z.object({
  entitlement: z.string(),
  kind: z.enum(['free', 'package', 'trial']).catch('package'),
  minutes: z.coerce.string(),
  entitlementMinutes: z.coerce.string(),
  ratio: z.coerce.string(),
});

/** lib/rating/rounding-facts.ts as stored; lines stored before facts were kept have none (null). */
const roundingFactsSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('ceilSeconds'), seconds: z.string(), minutes: z.string(), periodKind: z.enum(['day', 'month']), period: z.string(), zone: z.string() }),
  z.object({ rule: z.literal('peak'), peakKbps: z.string(), mbps: z.string(), freeMbps: z.string().nullable(), free: z.boolean() }),
  z.object({ rule: z.literal('count'), total: z.string(), unit: z.enum(['images', 'calls']), free: z.string(), excess: z.string(), ceil: z.boolean(), usage: z.string() }),
]);

const detailSchema = z.object({
  item: z.string(),
  app: z.number().nullable().catch(null),
  period: z.string(),
  periodKind: z.enum(['day', 'month']).catch('day'),
  records: z.number().catch(0),
  sampleRecords: z.array(z.number()).catch([]),
  measured: z.object({ value: z.coerce.string(), unit: z.enum(['seconds', 'kbps', 'images', 'calls']) }).optional().catch(undefined),
  rounding: z.string().catch(''),
  roundingFacts: roundingFactsSchema.nullable().optional().transform((f) => f ?? null).catch(null),
  usage: z.coerce.string(),
  deductions: z.array(deductionSchema).catch([]),
  quantity: z.coerce.string(),
  unitPrice: z.coerce.string(),
  per: z.number(),
  amount: z.coerce.string(),
  source: z.string().catch(''),
});

const explanationSchema = z.object({
  usage: z.coerce.string().optional(),
  detail: detailSchema.optional().catch(undefined),
  steps: z.array(z.string()).catch([]),
  rerated: z.object({ usage: z.coerce.string(), quantity: z.coerce.string(), amount: z.coerce.string() }).optional().catch(undefined),
  earlier: z.object({ quantity: z.string(), amount: z.string(), period: z.enum(['day', 'month']), lateRecords: z.number().nullable() }).optional().catch(undefined),
  reverses: z.enum(['day', 'month']).optional().catch(undefined),
});

export type LineExplanationView = {
  steps: string[];
  detail: (Omit<LineDetail, 'measured' | 'roundingFacts'> & { measured?: LineDetail['measured']; roundingFacts: LineDetail['roundingFacts'] | null }) | null;
  /** Usage this line bills (for an adjustment: the difference), and the day's re-rated figures. */
  usage: string | null;
  rerated: { usage: string; quantity: string; amount: string } | null;
  /** An adjustment line: what the period's earlier bills charged, and how many records came late (null: not known). */
  earlier?: { quantity: string; amount: string; period: 'day' | 'month'; lateRecords: number | null } | null;
  /** A line reversing an earlier one the re-rating no longer produces. */
  reverses?: 'day' | 'month' | null;
};

export function readExplanation(json: unknown): LineExplanationView {
  const parsed = explanationSchema.safeParse(json);
  if (!parsed.success) {
    const steps = Array.isArray((json as { steps?: unknown })?.steps) ? ((json as { steps: unknown[] }).steps.filter((s) => typeof s === 'string') as string[]) : [];
    return { steps, detail: null, usage: null, rerated: null };
  }
  const e = parsed.data;
  return { steps: e.steps, detail: e.detail ?? null, usage: e.usage ?? null, rerated: e.rerated ?? null, earlier: e.earlier ?? null, reverses: e.reverses ?? null };
}

export type BillStatus = 'charged' | 'charged-overdue' | 'no-charge' | 'credited' | 'not-charged';

/** What happened to the bill's money (bills have no status column: it follows from the ledger). */
export function billStatus(bill: { total: Decimal; ledgerEntryId: number | null; balanceAfter: Decimal | null }): BillStatus {
  if (bill.total.isZero()) return 'no-charge';
  if (bill.ledgerEntryId === null) return 'not-charged';
  if (bill.total.isNegative()) return 'credited';
  return bill.balanceAfter && bill.balanceAfter.isNegative() ? 'charged-overdue' : 'charged';
}

export const BILL_STATUS_LABEL: Record<BillStatus, { label: string; tone: 'green' | 'yellow' | 'gray' | 'blue' | 'red'; hint: string }> = {
  charged: { label: 'Paid from balance', tone: 'green', hint: 'Charged to the balance when the bill was issued.' },
  'charged-overdue': { label: 'Charged · balance below zero', tone: 'red', hint: 'Charged to the balance, which went below zero: top up to settle it.' },
  'no-charge': { label: 'No charge', tone: 'gray', hint: 'Packages and free minutes covered everything.' },
  credited: { label: 'Credited', tone: 'blue', hint: 'An adjustment that gave money back to the balance.' },
  'not-charged': { label: 'Not charged yet', tone: 'yellow', hint: 'Issued but not yet posted to the balance.' },
};

export function billKindLabel(kind: 'daily' | 'monthly' | 'adjustment'): string {
  switch (kind) {
    case 'daily':
      return 'Daily';
    case 'monthly':
      return 'Monthly';
    case 'adjustment':
      return 'Adjustment';
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

export function billPeriodLabel(bill: { kind: 'daily' | 'monthly' | 'adjustment'; periodStart: string; periodEnd: string }): string {
  if (bill.kind === 'monthly') return bill.periodStart.slice(0, 7);
  return bill.periodStart === bill.periodEnd ? bill.periodStart : `${bill.periodStart} – ${bill.periodEnd}`;
}

export type LineGroup<L> = { sdkAppId: number | null; lines: L[]; amount: Decimal };

/** Lines grouped by application (account-wide monthly items last), with exact subtotals. */
export function groupLinesByApp<L extends { sdkAppId: number | null; amount: Decimal }>(lines: readonly L[]): LineGroup<L>[] {
  const groups = new Map<number | null, L[]>();
  for (const l of lines) {
    const list = groups.get(l.sdkAppId);
    if (list) list.push(l);
    else groups.set(l.sdkAppId, [l]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([sdkAppId, ls]) => ({ sdkAppId, lines: ls, amount: sum(ls.map((l) => l.amount)) }));
}

/** `18 min × 8.99 USD / 1,000 min = 0.16182 USD` */
export function priceSentence(line: { quantity: Decimal; unit: string; unitPrice: Decimal; per: number; amount: Decimal }, currency: string): string {
  const unit = line.unit === 'minute' ? 'min' : line.unit;
  const per = line.per === 1 ? unit : `${line.per.toLocaleString('en-US')} ${unit}`;
  return `${dec(line.quantity).toFixed()} ${unit} × ${line.unitPrice.toFixed()} ${currency} / ${per} = ${line.amount.toFixed()} ${currency}`;
}

/**
 * What a bill's total is (issue 11: an adjustment's total is not its amount rounded). A first
 * bill's total is its exact amount rounded half-up to 2 decimals (rating.md section 3). An
 * adjustment's total is the re-rated period's amount rounded half-up, minus the totals the
 * period's earlier bills charged, so the period's bills add up to the re-rated total to the
 * cent; it can differ from this bill's own amount rounded (an amount of 0.149 may total 0.14).
 */
export function totalRule(bill: { kind: 'daily' | 'monthly' | 'adjustment'; adjustmentSeq?: number | null }): { label: string; note: string } {
  const adjustment = bill.kind === 'adjustment' || (bill.adjustmentSeq ?? 0) > 0;
  return adjustment
    ? { label: 'Total (re-rated total minus earlier bills)', note: `the ${bill.kind === 'monthly' ? 'month' : 'day'} re-rated, rounded half-up to 2 decimals, minus what its earlier bills charged` }
    : { label: 'Total (half-up to 2 decimals)', note: 'the amount rounded half-up to 2 decimals' };
}
