import { z } from 'zod';
import { addDays, daysBetween, isLocalDate, previousMonthStart, startOfMonth, lastDayOfMonth, type LocalDate } from '@/lib/time/local-date';
import { MAX_RANGE_DAYS } from './stats';

/** The usage page's filters from its search params; a bad value falls back and says why. */
export type UsageFilter = { from: LocalDate; to: LocalDate; sdkAppId?: number; item?: string };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseUsageFilter(
  sp: Record<string, string | string[] | undefined>,
  today: LocalDate,
  known: { apps: readonly number[]; items: readonly string[] },
): { filter: UsageFilter; problems: string[] } {
  const problems: string[] = [];
  let from = one(sp.from) ?? '';
  let to = one(sp.to) ?? '';
  if (from && !isLocalDate(from)) {
    problems.push(`"${from}" is not a date (YYYY-MM-DD).`);
    from = '';
  }
  if (to && !isLocalDate(to)) {
    problems.push(`"${to}" is not a date (YYYY-MM-DD).`);
    to = '';
  }
  if (!to) to = from && from > today ? from : today;
  if (!from) from = addDays(to, -6);
  if (from > to) {
    problems.push('The start date is after the end date; showing the end date only.');
    from = to;
  }
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    problems.push(`A range is at most ${MAX_RANGE_DAYS} days; showing the last ${MAX_RANGE_DAYS} days up to ${to}.`);
    from = addDays(to, -(MAX_RANGE_DAYS - 1));
  }
  const filter: UsageFilter = { from, to };
  const app = one(sp.app);
  if (app) {
    const n = z.coerce.number().int().positive().safeParse(app);
    if (n.success && known.apps.includes(n.data)) filter.sdkAppId = n.data;
    else problems.push(`Application ${app} is not one of yours; showing all applications.`);
  }
  const item = one(sp.item);
  if (item) {
    if (known.items.includes(item)) filter.item = item;
    else problems.push(`"${item}" is not a billing item of your price book; showing all items.`);
  }
  return { filter, problems };
}

export type RangePreset = { label: string; from: LocalDate; to: LocalDate };

export function rangePresets(today: LocalDate): RangePreset[] {
  const lastMonth = previousMonthStart(today);
  return [
    { label: 'Today', from: today, to: today },
    { label: 'Yesterday', from: addDays(today, -1), to: addDays(today, -1) },
    { label: 'Last 7 days', from: addDays(today, -6), to: today },
    { label: 'Last 30 days', from: addDays(today, -29), to: today },
    { label: 'This month', from: startOfMonth(today), to: today },
    { label: 'Last month', from: lastMonth, to: lastDayOfMonth(lastMonth) },
    { label: 'Last 90 days', from: addDays(today, -89), to: today },
  ];
}
