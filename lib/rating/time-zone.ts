/**
 * Deterministic local time for price books (rating.md section 3: "the book's time zone").
 * The zone table is lib/time/zones.ts (the one home of zones); no Intl on the hot path.
 */
import { SECONDS_PER_DAY, zoneOffsetSeconds } from '@/lib/time/zones';
import { civilFromDays, dateToDay, dayToDate, daysFromCivil, daysInMonth, pad2, pad4 } from '@/lib/time/calendar';

export { SECONDS_PER_DAY, zoneOffsetSeconds, civilFromDays, dateToDay, dayToDate, daysFromCivil, daysInMonth };

/** ISO 8601 of an epoch second at a fixed offset: 2024-10-08T00:00:00+08:00. */
export function localIso(epochSeconds: number, offsetSeconds: number): string {
  const local = epochSeconds + offsetSeconds;
  const day = Math.floor(local / SECONDS_PER_DAY);
  const s = local - day * SECONDS_PER_DAY;
  const sign = offsetSeconds < 0 ? '-' : '+';
  const o = Math.abs(offsetSeconds);
  return `${dayToDate(day)}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}${sign}${pad2(Math.floor(o / 3600))}:${pad2(Math.floor((o % 3600) / 60))}`;
}

// ISO 8601 date-time with a mandatory offset (rating.md section 1: "a start without an offset" is refused).
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

function epochSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  if (d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s - offset;
}

/** Two ASCII digits at i as a number, or -1. */
function two(iso: string, i: number): number {
  const a = iso.charCodeAt(i) - 48, b = iso.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The common shape `YYYY-MM-DDTHH:MM:SS+HH:MM` without a regex (the per-record hot path). */
function parseCanonical(iso: string): number | null | undefined {
  if (iso.length !== 25 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(10) !== 84 ||
      iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58 || iso.charCodeAt(22) !== 58) return undefined;
  const sign = iso.charCodeAt(19);
  if (sign !== 43 && sign !== 45) return undefined;
  const c1 = two(iso, 0), c2 = two(iso, 2), mo = two(iso, 5), d = two(iso, 8), h = two(iso, 11), mi = two(iso, 14), s = two(iso, 17);
  const oh = two(iso, 20), om = two(iso, 23);
  if (c1 < 0 || c2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || oh < 0 || om < 0 || oh > 23 || om > 59) return undefined;
  return epochSeconds(c1 * 100 + c2, mo, d, h, mi, s, (sign === 45 ? -1 : 1) * (oh * 3600 + om * 60));
}

/**
 * Epoch seconds of an ISO 8601 date-time with an offset, fractions of a second
 * dropped (decision: durations are whole seconds, so pieces stay whole seconds), or null.
 */
export function parseInstantSeconds(iso: string): number | null {
  // Validation then rating parse the same string object in a row: remember the last one.
  if (iso === lastIso) return lastValue;
  const value = parseInstant(iso);
  lastIso = iso;
  lastValue = value;
  return value;
}

let lastIso = '';
let lastValue: number | null = null;

function parseInstant(iso: string): number | null {
  const fast = parseCanonical(iso);
  if (fast !== undefined) return fast;
  const m = INSTANT_RE.exec(iso);
  if (!m) return null;
  let offset = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]), om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  return epochSeconds(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), offset);
}

/** Local calendar of one zone with cached day labels: the hot path calls these per record. */
export type LocalCalendar = {
  timeZone: string;
  offsetSeconds: number;
  /** Local day number of an epoch second. */
  dayOf(epochSeconds: number): number;
  /** 'YYYY-MM-DD' of a local day number. */
  dateOf(day: number): string;
  /** Month number (y * 12 + m - 1) of a local day number. */
  monthOf(day: number): number;
  /** Epoch second at which local day `day` starts. */
  dayStart(day: number): number;
};

export function localCalendar(timeZone: string): LocalCalendar {
  const offsetSeconds = zoneOffsetSeconds(timeZone);
  const dates = new Map<number, string>();
  const months = new Map<number, number>();
  return {
    timeZone,
    offsetSeconds,
    dayOf: (t) => Math.floor((t + offsetSeconds) / SECONDS_PER_DAY),
    dateOf(day) {
      let s = dates.get(day);
      if (s === undefined) dates.set(day, (s = dayToDate(day)));
      return s;
    },
    monthOf(day) {
      let v = months.get(day);
      if (v === undefined) {
        const { y, m } = civilFromDays(day);
        months.set(day, (v = y * 12 + m - 1));
      }
      return v;
    },
    dayStart: (day) => day * SECONDS_PER_DAY - offsetSeconds,
  };
}

/** 'YYYY-MM' of a month number (y * 12 + m - 1). */
export function monthLabel(month: number): string {
  const y = Math.floor(month / 12);
  return `${pad4(y)}-${pad2(month - y * 12 + 1)}`;
}
