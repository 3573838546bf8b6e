import { dec, ZERO, type Decimal } from '@/lib/money/decimal';
import { addDays, daysBetween, type LocalDate } from '@/lib/time/local-date';

/**
 * Package usage (issue: minutes used and left, projected exhaustion): the projection
 * assumes the average daily deduction of the last `window` settled days (days before
 * today; fewer when the entitlement started later) goes on from today.
 */
export const PROJECTION_WINDOW_DAYS = 7;

export type ProjectionInput = {
  minutes: string;
  minutesUsed: string;
  validFrom: LocalDate | null;
  validTo: LocalDate | null;
  status: string;
  usedByDay: readonly { day: string; minutes: string }[];
};

export type Projection = {
  remaining: Decimal;
  usedPercent: number;
  averagePerDay: Decimal;
  daysObserved: number;
  /** The local date the minutes run out at the current rate; null when they do not before expiry, or no rate yet. */
  exhaustsOn: LocalDate | null;
  state: 'queued' | 'used-up' | 'no-rate' | 'exhausts' | 'outlasts';
};

export function projectExhaustion(e: ProjectionInput, today: LocalDate, window = PROJECTION_WINDOW_DAYS): Projection {
  const minutes = dec(e.minutes);
  const remaining = dec(e.minutes).minus(e.minutesUsed);
  const usedPercent = minutes.isZero() ? 0 : Math.min(100, Number(dec(e.minutesUsed).div(minutes).times(100).toFixed(1)));
  const base = { remaining: remaining.isNegative() ? ZERO : remaining, usedPercent, averagePerDay: ZERO, daysObserved: 0, exhaustsOn: null };
  if (e.status === 'queued') return { ...base, state: 'queued' };
  if (!remaining.greaterThan(0)) return { ...base, state: 'used-up' };
  let start = addDays(today, -window);
  if (e.validFrom && e.validFrom > start) start = e.validFrom;
  const daysObserved = Math.max(0, daysBetween(start, today));
  const used = e.usedByDay.filter((u) => u.day >= start && u.day < today).reduce((s, u) => s.plus(u.minutes), ZERO);
  if (daysObserved === 0 || used.isZero()) return { ...base, daysObserved, state: 'no-rate' };
  const averagePerDay = used.div(daysObserved);
  const days = remaining.div(averagePerDay).ceil().toNumber();
  const exhaustsOn = addDays(today, Math.max(0, days - 1));
  if (e.validTo && exhaustsOn > e.validTo) return { ...base, averagePerDay, daysObserved, state: 'outlasts' };
  return { ...base, averagePerDay, daysObserved, exhaustsOn, state: 'exhausts' };
}
