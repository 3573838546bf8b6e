import { findPriceBook, freeMinutesValidity } from '@/lib/rating';
import { lastDayOfMonth, localDate, startOfLocalDay, type LocalDate } from '@/lib/time/local-date';

/** 10,000 free minutes a month for each account (lifecycle.md, Packages: Free minutes). */
export const FREE_MINUTES_PER_CYCLE = 10_000;

export type FreeMinuteCycle = { validFrom: LocalDate; validTo: LocalDate; renewsOn: LocalDate; anchorDay: number };

function anchorDateIn(month: string, anchorDay: number): LocalDate {
  // Clamped to short months (rating.md section 6: the anchor is kept, clamped).
  const last = Number(lastDayOfMonth(`${month}-01`).slice(8, 10));
  return `${month}-${String(Math.min(anchorDay, last)).padStart(2, '0')}`;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The free-minute cycle containing `now` for an account registered at `registeredAt`.
 * Cycles follow the monthly validity rule (seed 003 · Free Minutes: received Nov 15 →
 * valid Nov 15 to Dec 14; rating.md section 6) anchored on the registration local day.
 * Before the registration day (a clock set back) the first cycle is returned.
 */
export function freeMinuteCycle(registeredAt: Date, now: Date): FreeMinuteCycle {
  const registered = localDate(registeredAt);
  const anchorDay = Number(registered.slice(8, 10));
  const today = localDate(now);
  let start: LocalDate;
  if (today <= registered) {
    start = registered;
  } else {
    const month = today.slice(0, 7);
    const candidate = anchorDateIn(month, anchorDay);
    start = candidate <= today ? candidate : anchorDateIn(previousMonth(month), anchorDay);
    if (start < registered) start = registered;
  }
  const v = freeMinutesValidity(start, anchorDay);
  return { validFrom: v.validFrom, validTo: v.validTo, renewsOn: v.renewsOn, anchorDay };
}

/** The instant (00:00 Asia/Shanghai) the next monthly free minutes are due after `now`. */
export function nextFreeMinuteGrantDate(registeredAt: Date, now: Date): Date {
  return startOfLocalDay(freeMinuteCycle(registeredAt, now).renewsOn);
}

/**
 * Whether an account receives the monthly free minutes: only on a book that has them
 * (seed 003 · Free Minutes; seeds 000 and 001 have none) and not switched off for the
 * account (a test customer made without them). The job planner grants on the same rule.
 */
export function hasMonthlyFreeMinutes(account: { priceBookId: string; monthlyFreeMinutes: boolean }): boolean {
  return account.monthlyFreeMinutes && !!findPriceBook(account.priceBookId)?.coverage.free?.length;
}
