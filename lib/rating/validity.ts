import { civilFromDays, dateToDay, dayToDate, daysFromCivil, daysInMonth, parseInstantSeconds, SECONDS_PER_DAY, zoneOffsetSeconds } from './time-zone';

/**
 * Validity dates (rating.md section 6, lifecycle.md). Pure: dates in, dates out; all
 * dates are local 'YYYY-MM-DD' in the book's time zone, bounds inclusive.
 */

export type Validity = { validFrom: string; validTo: string };

function dayOrThrow(date: string, what: string): number {
  const day = dateToDay(date);
  if (day === null) throw new Error(`${what}: expected a local date YYYY-MM-DD, got "${date}"`);
  return day;
}

/** Calendar days are lib/time's (the one addDays); part of the rating library's surface. */
export { addDays } from '@/lib/time/local-date';

/** Local date of an instant ('2024-10-08T23:30:00Z' in Asia/Shanghai is 2024-10-09). */
export function localDateOf(instant: string, timeZone: string): string {
  const t = parseInstantSeconds(instant);
  if (t === null) throw new Error(`expected an ISO 8601 date-time with an offset, got "${instant}"`);
  return dayToDate(Math.floor((t + zoneOffsetSeconds(timeZone)) / SECONDS_PER_DAY));
}

/**
 * A monthly package (and the monthly free minutes) bought or renewed on `purchaseLocalDate`:
 * valid from that day 00:00 through the day before the anchor day of the next month. The
 * anchor is the day of month of the first purchase, kept across renewals and clamped to
 * short months (rating.md section 6): bought Jan 31 → through Feb 27; renewed Feb 28 →
 * through Mar 30; renewed Mar 31 → through Apr 29. `renewsOn` is the day after `validTo`.
 */
export function packageValidity(purchaseLocalDate: string, anchorDay?: number): Validity & { renewsOn: string; anchorDay: number } {
  const { y, m, d } = civilFromDays(dayOrThrow(purchaseLocalDate, 'packageValidity'));
  const anchor = anchorDay ?? d;
  if (!Number.isInteger(anchor) || anchor < 1 || anchor > 31) throw new Error(`anchorDay: expected a day of month 1-31, got ${anchor}`);
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const renews = daysFromCivil(ny, nm, Math.min(anchor, daysInMonth(ny, nm)));
  return { validFrom: purchaseLocalDate, validTo: dayToDate(renews - 1), renewsOn: dayToDate(renews), anchorDay: anchor };
}

/** The 10,000 monthly free minutes follow the monthly cycle (003 · Free Minutes: Nov 15 → Dec 14). */
export const freeMinutesValidity = packageValidity;

/**
 * A 2022 universal package or free trial package: from its purchase (grant) day through
 * the last day of the same month the next year (002 · 预付费套餐包: 2020-05-01 → 2021-05-31).
 */
export function universalPackageValidity(purchaseLocalDate: string): Validity {
  const { y, m } = civilFromDays(dayOrThrow(purchaseLocalDate, 'universalPackageValidity'));
  return { validFrom: purchaseLocalDate, validTo: dayToDate(daysFromCivil(y + 1, m, daysInMonth(y + 1, m))) };
}

/** Whether a local date is inside a validity (inclusive). */
export function isValidOn(validity: Validity, localDate: string): boolean {
  return localDate >= validity.validFrom && localDate <= validity.validTo;
}
