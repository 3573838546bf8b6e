import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { billLines, bills, entitlementDeductions } from '@/db/schema';
import { compileBook, explainDetail, lineFigures, unitWord, unitPriceOf, type DeductionDetail, type ItemUnit, type LineDetail, type PriceBook, type PriceItem } from '@/lib/rating';
import { dec, ZERO, type Decimal } from '@/lib/money/decimal';
import { formatQuantity } from '@/lib/money/format';
import type { LocalDate } from '@/lib/time/local-date';
import { translatorFor } from '@/lib/i18n/translator';
import type { DayEntitlement } from './entitlements';

/** The English steps stored with adjustment lines, from the messages other languages word the same facts with. */
const explainEn = translatorFor('en', 'bills');

/**
 * What a settlement writes for one period (a local day, or a month for monthly items and
 * books rounding per month): the bill lines and entitlement deductions, and for a re-rating
 * with late usage the difference from what the period's earlier bills charged and deducted
 * (lifecycle.md, Settlement and bills: issued bills never change). Shared by the daily and
 * the monthly settlement so both keep the same adjustment and explanation guarantees.
 */
export type LineRow = typeof billLines.$inferInsert;
export type DeductionRow = typeof entitlementDeductions.$inferInsert;
export type PrevLine = { usage: Decimal; quantity: Decimal; amount: Decimal; unitPrice: Decimal; per: number };
export type PrevDeduction = { usageMinutes: Decimal; entitlementMinutes: Decimal };
export type PreviouslyBilled = { total: Decimal; lines: Map<string, PrevLine>; deductions: Map<string, PrevDeduction> };

/** Which bills make up a period: a day's daily bill and its adjustments, or a month's bill (kind `monthly`, seq 0) and its adjustments (seq 1, 2, ...). */
export type BillScope = { kind: 'day'; day: LocalDate } | { kind: 'month'; first: LocalDate };

/** What the period's bills so far charged and deducted, per (app, item) and per (entitlement, app, item). */
export async function previousBilled(tx: Transaction, accountId: string, scope: BillScope): Promise<PreviouslyBilled> {
  const where =
    scope.kind === 'day'
      ? and(eq(bills.accountId, accountId), eq(bills.periodStart, scope.day), eq(bills.periodEnd, scope.day), inArray(bills.kind, ['daily', 'adjustment']))
      : and(eq(bills.accountId, accountId), eq(bills.periodStart, scope.first), eq(bills.kind, 'monthly'));
  const periodBills = await tx.select({ id: bills.id, total: bills.total }).from(bills).where(where);
  const ids = periodBills.map((b) => b.id);
  const total = periodBills.reduce((s, b) => s.plus(b.total), ZERO);
  const lines = new Map<string, PrevLine>();
  const deductions = new Map<string, PrevDeduction>();
  if (ids.length) {
    const rows = await tx.select().from(billLines).where(inArray(billLines.billId, ids));
    for (const r of rows) {
      const key = `${r.sdkAppId}|${r.item}`;
      const usage = dec(String((r.explanation as { usage?: string }).usage ?? r.quantity.toFixed()));
      const p = lines.get(key);
      lines.set(key, p
        ? { usage: p.usage.plus(usage), quantity: p.quantity.plus(r.quantity), amount: p.amount.plus(r.amount), unitPrice: r.unitPrice, per: r.per }
        : { usage, quantity: r.quantity, amount: r.amount, unitPrice: r.unitPrice, per: r.per });
    }
    const ded = await tx.select().from(entitlementDeductions).where(inArray(entitlementDeductions.billId, ids));
    for (const r of ded) {
      const key = `${r.entitlementId}|${r.sdkAppId}|${r.item}`;
      const p = deductions.get(key);
      deductions.set(key, p
        ? { usageMinutes: p.usageMinutes.plus(r.usageMinutes), entitlementMinutes: p.entitlementMinutes.plus(r.entitlementMinutes) }
        : { usageMinutes: r.usageMinutes, entitlementMinutes: r.entitlementMinutes });
    }
  }
  return { total, lines, deductions };
}

/**
 * Rows built only when iterated, counted without building: a day's 5,000 bill lines, each with
 * its ~1 kB explanation, are built inside the COPY that stores them (copy-rows.ts), so the
 * database parses the first chunks while the rest are built instead of waiting for all of them
 * (issue 11: 15 ms of a 1M-record day's settlement). Iterating again builds the same rows again.
 */
export class LazyRows<T> implements Iterable<T> {
  constructor(private readonly builders: readonly (() => T)[]) {}
  get length(): number {
    return this.builders.length;
  }
  *[Symbol.iterator](): Iterator<T> {
    for (const build of this.builders) yield build();
  }
}

export type BillDiff = {
  /** One per changed (application, item); built when iterated (LazyRows). */
  lines: LazyRows<Omit<LineRow, 'billId'>>;
  deductions: Omit<DeductionRow, 'billId'>[];
  /** Entitlement minutes taken per entitlement row id (negative when a re-rating gives some back). */
  usedBy: Map<string, Decimal>;
  amount: Decimal;
};

/**
 * Lines (one per application and item) and deductions of one period; for an adjustment
 * (`prev` given), the difference from what the period's earlier bills charged.
 * `deductionDay` is the local day the deductions are recorded on (the day, or the month's first day).
 */
export function diffBill(input: {
  book: PriceBook;
  currency: string;
  accountId: string;
  period: string;
  details: LineDetail[];
  deductionDetails: DeductionDetail[];
  deductionDay: LocalDate;
  entById: Map<string, DayEntitlement>;
  prev: PreviouslyBilled | null;
  periodWord: 'day' | 'month';
  /** Record pieces per `${app}|${item}` that arrived after the period was billed (adjustments). */
  late?: ReadonlyMap<string, number>;
}): BillDiff {
  const { book, currency, accountId, prev, entById } = input;
  const lines: (() => Omit<LineRow, 'billId'>)[] = [];
  let amount = ZERO;
  for (const d of input.details) {
    const key = `${d.app}|${d.item}`;
    const before = prev?.lines.get(key);
    // The rater's own Decimals for the line's strings (lib/rating/build-result.ts lineFigures): no parsing back.
    const f = lineFigures(d);
    const usage = before ? f.usage.minus(before.usage) : f.usage;
    const quantity = before ? f.quantity.minus(before.quantity) : f.quantity;
    const lineAmount = before ? f.amount.minus(before.amount) : f.amount;
    prev?.lines.delete(key);
    if (prev && usage.isZero() && quantity.isZero() && lineAmount.isZero()) continue;
    amount = amount.plus(lineAmount);
    const lateRecords = input.late ? (input.late.get(key) ?? 0) : undefined;
    lines.push(() => lineRow(book, currency, accountId, d, { usage, quantity, amount: lineAmount }, before ?? null, input.periodWord, lateRecords));
  }

  const deductions: Omit<DeductionRow, 'billId'>[] = [];
  const usedBy = new Map<string, Decimal>();
  for (const x of input.deductionDetails) {
    if (x.period !== input.period) continue;
    const ent = entById.get(x.entitlement);
    if (!ent) throw new Error(`rater returned unknown entitlement ${x.entitlement}`);
    const key = `${x.entitlement}|${x.app}|${x.item}`;
    const before = prev?.deductions.get(key);
    const usageMinutes = before ? dec(x.minutes).minus(before.usageMinutes) : dec(x.minutes);
    const entitlementMinutes = before ? dec(x.entitlementMinutes).minus(before.entitlementMinutes) : dec(x.entitlementMinutes);
    prev?.deductions.delete(key);
    if (usageMinutes.isZero() && entitlementMinutes.isZero()) continue;
    deductions.push(deductionRow(accountId, input.deductionDay, ent, x.app, x.item, usageMinutes, entitlementMinutes));
    usedBy.set(ent.rowId, (usedBy.get(ent.rowId) ?? ZERO).plus(entitlementMinutes));
  }
  // What an earlier bill deducted and the re-rating no longer does (the order of windows changed).
  for (const [key, before] of prev?.deductions ?? []) {
    const [entId, app, item] = key.split('|') as [string, string, string];
    const ent = entById.get(entId);
    if (!ent) continue;
    deductions.push(deductionRow(accountId, input.deductionDay, ent, app === 'null' ? null : Number(app), item, before.usageMinutes.neg(), before.entitlementMinutes.neg()));
    usedBy.set(ent.rowId, (usedBy.get(ent.rowId) ?? ZERO).minus(before.entitlementMinutes));
  }
  for (const [key, before] of prev?.lines ?? []) {
    // An (app, item) billed before and absent now cannot happen (usage only grows); keep the books exact if it does.
    const [app, item] = key.split('|') as [string, string];
    amount = amount.minus(before.amount);
    lines.push(() => ({
      accountId,
      sdkAppId: app === 'null' ? null : Number(app),
      item,
      description: itemName(book, item),
      quantity: before.quantity.neg(),
      unit: itemUnit(book, item),
      unitPrice: before.unitPrice,
      per: before.per,
      amount: before.amount.neg(),
      // `reverses`: the fact pages word in their language (lib/bills/words.ts stepsIn); the step is its English.
      explanation: { usage: before.usage.neg().toFixed(), reverses: input.periodWord, steps: [explainEn('explain.reverses', { period: input.periodWord })] },
    }));
  }
  return { lines: new LazyRows(lines), deductions, usedBy, amount };
}

/** A bill line for one rated (application, item, period): `delta` is what this bill charges (for an adjustment, the difference from `before`). */
export function lineRow(
  book: PriceBook,
  currency: string,
  accountId: string,
  d: LineDetail,
  delta: { usage: Decimal; quantity: Decimal; amount: Decimal },
  before: PrevLine | null,
  periodWord: 'day' | 'month' = 'day',
  /** Of the `d.records` record pieces, how many arrived after the earlier bills (undefined: not known). */
  lateRecords?: number,
): Omit<LineRow, 'billId'> {
  const item = findItem(book, d.item);
  const unit = item?.unit ?? 'minute';
  const steps = [explainDetail(d, currency, unit)];
  if (before) {
    const which = lateRecords === undefined ? explainEn('explain.lateUsage') : explainEn('explain.lateRecords', { count: lateRecords, records: d.records });
    steps.push(
      explainEn('explain.rerated', { which, quantity: formatQuantity(d.quantity), unit: unitWord(unit), amount: d.amount, currency, period: periodWord, earlierQuantity: formatQuantity(before.quantity), earlierAmount: before.amount.toFixed() }),
    );
  }
  return {
    accountId,
    sdkAppId: d.app,
    item: d.item,
    description: item?.name ?? d.item,
    quantity: delta.quantity,
    unit,
    // Parsed once per item (Decimals are immutable); a detail priced otherwise than its book's item is parsed.
    unitPrice: item && item.unitPrice === d.unitPrice ? unitPriceOf(item) : dec(d.unitPrice),
    per: d.per,
    amount: delta.amount,
    // `earlier` and `lateRecords`: the facts of the "Re-rated with …" step, worded per language (lib/bills/words.ts stepsIn).
    explanation: before
      ? {
          usage: delta.usage.toFixed(),
          detail: d,
          steps,
          rerated: { usage: d.usage, quantity: d.quantity, amount: d.amount },
          earlier: { quantity: before.quantity.toFixed(), amount: before.amount.toFixed(), period: periodWord, lateRecords: lateRecords ?? null },
        }
      : { usage: delta.usage.toFixed(), detail: d, steps },
  };
}

export function deductionRow(accountId: string, day: LocalDate, ent: DayEntitlement, app: number | null, item: string, usageMinutes: Decimal, entitlementMinutes: Decimal): Omit<DeductionRow, 'billId'> {
  return { accountId, entitlementKind: ent.kind, entitlementId: ent.rowId, sdkAppId: app, localDay: day, item, usageMinutes, entitlementMinutes };
}

export function itemName(book: PriceBook, code: string): string {
  return findItem(book, code)?.name ?? code;
}
export function itemUnit(book: PriceBook, code: string): ItemUnit {
  return findItem(book, code)?.unit ?? 'minute';
}
/** The book's item of a code by its compiled index (a book lists up to ~100 items; a bill has 5,000 lines). */
function findItem(book: PriceBook, code: string): PriceItem | undefined {
  const cb = compileBook(book);
  const i = cb.indexOf(code);
  return i === -1 ? undefined : cb.items[i];
}
