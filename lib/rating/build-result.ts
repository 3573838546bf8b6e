import { dec, quantize, sum, toPlain, ZERO, type Decimal } from '@/lib/money/decimal';
import { listAmount, type CompiledBook } from './compiled-book';
import { usageKey, type CoveredUsage } from './deduct-windows';
import type { DurationUsage } from './duration-usage';
import type { EntitlementState } from './entitlements';
import { explainLines } from './explain';
import type { MonthlyUsage } from './monthly-usage';
import type { DeductionDetail, DetailDeduction, LineDetail, RatingResult } from './result-types';
import type { PriceItem } from './types';
import { roundingSentence, type RoundingFacts } from './rounding-facts';

type Priced = { detail: LineDetail; quantity: Decimal; usage: Decimal; amount: Decimal };

/**
 * The Decimals a detail line's `usage`, `quantity` and `amount` strings were written from, so
 * settlement (lib/settlement/bill-diff.ts) does not parse 5,000 lines' strings back. Kept with
 * the strings: a detail whose strings were changed since (or one not built here) is parsed.
 */
export type LineFigures = { usage: Decimal; quantity: Decimal; amount: Decimal };
type Remembered = Priced & { usageText: string; quantityText: string; amountText: string };
const figures = new WeakMap<LineDetail, Remembered>();

export function lineFigures(d: LineDetail): LineFigures {
  const f = figures.get(d);
  if (f && f.usageText === d.usage && f.quantityText === d.quantity && f.amountText === d.amount) return f;
  return { usage: dec(d.usage), quantity: dec(d.quantity), amount: dec(d.amount) };
}

function remember(p: Priced): Priced {
  const r: Remembered = { detail: p.detail, quantity: p.quantity, usage: p.usage, amount: p.amount, usageText: p.detail.usage, quantityText: p.detail.quantity, amountText: p.detail.amount };
  figures.set(p.detail, r);
  return r;
}

/** Duration lines: per (app, period, item), seconds rounded up to minutes, less what entitlements covered. */
function durationDetails(cb: CompiledBook, usage: DurationUsage, covered: Map<string, CoveredUsage>): { priced: Priced[]; deductions: DeductionDetail[] } {
  const priced: Priced[] = [];
  const deductions: DeductionDetail[] = [];
  const zone = cb.calendar.timeZone;
  const periodKind = usage.periodKind;
  const anyCovered = covered.size > 0;
  for (const b of usage.entries()) {
    const period = usage.periodLabel(b.period);
    for (let i = 0; i < cb.items.length; i++) {
      const records = b.records[i] as number;
      if (records === 0) continue;
      const item = cb.items[i] as PriceItem;
      const seconds = b.seconds[i] as number;
      const minutes = Math.ceil(seconds / 60); // rating.md section 3: the period's total seconds, rounded up
      const cu = anyCovered ? covered.get(usageKey(b.app, b.period, i)) : undefined;
      const detailDeductions: DetailDeduction[] = [];
      const usageMinutes = dec(minutes);
      let quantity = usageMinutes;
      if (cu) {
        let coveredMinutes = ZERO;
        for (const [state, s] of cu) {
          const d: DetailDeduction = {
            entitlement: state.entitlement.id,
            kind: state.entitlement.kind,
            minutes: toPlain(s.minutes),
            entitlementMinutes: toPlain(s.entitlementMinutes),
            ratio: toPlain(s.ratio),
          };
          detailDeductions.push(d);
          deductions.push({ ...d, item: item.code, app: b.app, period });
          coveredMinutes = coveredMinutes.plus(s.minutes);
        }
        if (detailDeductions.length) quantity = usageMinutes.minus(coveredMinutes);
      }
      const amount = listAmount(item, quantity);
      const secondsText = String(seconds);
      const minutesText = String(minutes);
      const roundingFacts: RoundingFacts = { rule: 'ceilSeconds', seconds: secondsText, minutes: minutesText, periodKind, period, zone };
      priced.push(remember({
        usage: usageMinutes,
        quantity,
        amount,
        detail: {
          item: item.code,
          app: b.app,
          period,
          periodKind,
          records,
          sampleRecords: b.samples[i] ?? [],
          measured: { value: secondsText, unit: 'seconds' },
          rounding: roundingSentence(roundingFacts),
          roundingFacts,
          usage: minutesText,
          deductions: detailDeductions,
          // Nothing covered: the whole minutes, whose plain text is the integer's.
          quantity: quantity === usageMinutes ? minutesText : toPlain(quantity),
          unitPrice: item.unitPrice,
          per: item.per,
          amount: toPlain(amount),
          source: item.source,
        },
      }));
    }
  }
  return { priced, deductions };
}

/** The line's rounding as facts and as the English sentence stored beside them. */
const withSentence = (roundingFacts: RoundingFacts) => ({ rounding: roundingSentence(roundingFacts), roundingFacts });

function monthlyDetails(cb: CompiledBook, monthly: MonthlyUsage[]): Priced[] {
  return monthly.map((m) => {
    const item = cb.items[cb.indexOf(m.item)] as PriceItem;
    const amount = listAmount(item, m.billable);
    return remember({
      usage: m.usage,
      quantity: m.billable,
      amount,
      detail: {
        item: m.item,
        app: null,
        period: m.month,
        periodKind: 'month',
        records: m.records,
        sampleRecords: m.sampleRecords,
        measured: m.measured,
        ...withSentence(m.rounding),
        usage: toPlain(m.usage),
        deductions: [],
        quantity: toPlain(m.billable),
        unitPrice: item.unitPrice,
        per: item.per,
        amount: toPlain(amount),
        source: item.source,
      },
    });
  });
}

/** Assemble the rating.md section 5 figures, the detail lines and the explanations. */
export function buildResult(input: {
  cb: CompiledBook;
  durations: DurationUsage;
  monthly: MonthlyUsage[];
  covered: Map<string, CoveredUsage>;
  states: readonly EntitlementState[];
  records: number;
  explain: boolean;
}): RatingResult {
  const { cb } = input;
  const d = durationDetails(cb, input.durations, input.covered);
  const priced = [...d.priced, ...monthlyDetails(cb, input.monthly)];

  const byItem = new Map<string, { usage: Decimal; quantity: Decimal; amount: Decimal }>();
  for (const p of priced) {
    const t = byItem.get(p.detail.item);
    if (!t) byItem.set(p.detail.item, { usage: ZERO.plus(p.usage), quantity: ZERO.plus(p.quantity), amount: ZERO.plus(p.amount) });
    else {
      t.usage = t.usage.plus(p.usage);
      t.quantity = t.quantity.plus(p.quantity);
      t.amount = t.amount.plus(p.amount);
    }
  }
  const items = cb.items.filter((i) => byItem.has(i.code));
  const totals = (code: string) => byItem.get(code) as { usage: Decimal; quantity: Decimal; amount: Decimal };

  const deductionTotals = new Map<string, { entitlement: string; item: string; minutes: Decimal; entitlementMinutes: Decimal }>();
  for (const x of d.deductions) {
    const key = `${x.entitlement}\u0000${x.item}`;
    const t = deductionTotals.get(key) ?? { entitlement: x.entitlement, item: x.item, minutes: ZERO, entitlementMinutes: ZERO };
    deductionTotals.set(key, { ...t, minutes: t.minutes.plus(x.minutes), entitlementMinutes: t.entitlementMinutes.plus(x.entitlementMinutes) });
  }

  const amount = sum(items.map((i) => totals(i.code).amount));
  const details = priced.map((p) => p.detail);
  const result: RatingResult = {
    book: cb.book.id,
    currency: cb.book.currency,
    timeZone: cb.book.timeZone,
    records: input.records,
    usage: items.map((i) => ({ item: i.code, quantity: toPlain(totals(i.code).usage), unit: i.unit })),
    deductions: [...deductionTotals.values()].map((t) => ({
      entitlement: t.entitlement,
      item: t.item,
      minutes: toPlain(t.minutes),
      entitlementMinutes: toPlain(t.entitlementMinutes),
    })),
    lines: items.map((i) => ({ item: i.code, quantity: toPlain(totals(i.code).quantity), unitPrice: i.unitPrice, per: i.per, amount: toPlain(totals(i.code).amount) })),
    amount: toPlain(amount),
    total: quantize(amount, 2).toFixed(2),
    details,
    deductionDetails: d.deductions,
    entitlements: input.states.map((s) => ({
      entitlement: s.entitlement.id,
      kind: s.entitlement.kind,
      minutes: toPlain(s.initial),
      consumed: toPlain(s.initial.minus(s.remaining)),
      remaining: toPlain(s.remaining),
      coverage: s.coverageSource,
    })),
    explanations: [],
  };
  if (input.explain) result.explanations = explainLines(cb.book, result);
  return result;
}
