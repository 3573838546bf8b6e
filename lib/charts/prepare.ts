import { dec, ZERO, type Decimal, type DecimalInput } from '@/lib/money/decimal';
import type { ChartData } from './data';

/**
 * Chart data prepared on the server with decimal.js (issue 14 item 2): figures are exact
 * decimal strings; the client turns them into numbers only to draw them.
 */

/** Series of decimals (or decimal strings) per label → chart data. */
export function chartFromDecimals(labels: readonly string[], series: readonly { key: string; name: string; values: readonly DecimalInput[] }[], places = 2): ChartData {
  return {
    labels: [...labels],
    series: series.map((s) => ({ key: s.key, name: s.name, values: s.values.map((v) => dec(v).toDecimalPlaces(places).toFixed()) })),
  };
}

/** Seconds per label → minutes (seconds ÷ 60, to 2 places). */
export function minutesFromSeconds(seconds: readonly number[]): Decimal[] {
  return seconds.map((s) => dec(s).div(60));
}

/** The total of each label over the shown series. */
export function labelTotals(data: ChartData): string[] {
  return data.labels.map((_, i) => data.series.reduce((sum, s) => sum.plus(s.values[i] ?? 0), ZERO).toFixed());
}

/** Values of a sparse list (label → value) laid on every label, zero where absent. */
export function onLabels<T>(labels: readonly string[], rows: readonly T[], label: (r: T) => string, value: (r: T) => DecimalInput): Decimal[] {
  const by = new Map<string, Decimal>();
  for (const r of rows) by.set(label(r), (by.get(label(r)) ?? ZERO).plus(value(r)));
  return labels.map((l) => by.get(l) ?? ZERO);
}
