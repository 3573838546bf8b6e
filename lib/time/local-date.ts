/**
 * Local calendar dates (YYYY-MM-DD strings) and their boundaries. Local day
 * boundaries are Asia/Shanghai (guide: Time; rating.md section 3). Zones are fixed
 * offsets here because every built-in price book's zone (Asia/Shanghai, UTC+8) has
 * no daylight saving; an unknown zone is refused rather than guessed.
 */
import { dateToDay, dayToDate } from './calendar';
import { BILLING_TIME_ZONE, zoneOffsetMs } from './zones';

export { BILLING_TIME_ZONE, zoneOffsetMs };

export type LocalDate = string; // 'YYYY-MM-DD'
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date of an instant. */
export function localDate(instant: Date, timeZone = BILLING_TIME_ZONE): LocalDate {
  return new Date(instant.getTime() + zoneOffsetMs(timeZone)).toISOString().slice(0, 10);
}

/** The instant a local date starts (00:00 local). */
export function startOfLocalDay(date: LocalDate, timeZone = BILLING_TIME_ZONE): Date {
  return new Date(parseLocalDate(date) - zoneOffsetMs(timeZone));
}

/** The instant after a local date ends (00:00 local of the next day). */
export function endOfLocalDay(date: LocalDate, timeZone = BILLING_TIME_ZONE): Date {
  return new Date(parseLocalDate(date) + DAY_MS - zoneOffsetMs(timeZone));
}

/** 00:00 local of the day after an instant's local date. */
export function nextLocalMidnight(instant: Date, timeZone = BILLING_TIME_ZONE): Date {
  return startOfLocalDay(addDays(localDate(instant, timeZone), 1), timeZone);
}

/** The local date `days` after (or before) `date`; an impossible date (2023-02-29) is refused. The one addDays. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const day = dateToDay(date);
  if (day === null) throw new Error(`addDays: expected a local date YYYY-MM-DD, got "${date}"`);
  return dayToDate(day + days);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((parseLocalDate(b) - parseLocalDate(a)) / DAY_MS);
}

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** First day of the month of a local date. */
export function startOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

/** First day of the month before. */
export function previousMonthStart(date: LocalDate): LocalDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return `${py}-${String(pm).padStart(2, '0')}-01`;
}

export function lastDayOfMonth(date: LocalDate): LocalDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function parseLocalDate(date: LocalDate): number {
  if (!DATE_RE.test(date)) throw new Error(`not a local date (YYYY-MM-DD): ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}
