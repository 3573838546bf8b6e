import type { UsageRecord } from '@/lib/rating';
import { addDays, endOfLocalDay, startOfLocalDay, type LocalDate } from '@/lib/time/local-date';
import { toOffsetIso } from '@/lib/time/format';

/**
 * Which records a local day's settlement reads, and how much of each. `usage_records.local_day`
 * is the day a record starts; a record crossing local midnight belongs to both days
 * (rating.md section 3: "a record that crosses local midnight is split at midnight").
 *
 * The rating library rates whatever it is given and has no option to keep only one day,
 * so the settlement clips each record to the day here: the part of a D-1 record after
 * midnight is rated on D, the part of a D record after the next midnight is left to D+1.
 * Clipping gives the rater exactly the pieces it would have split off itself, so per-day
 * rounding and the 5-minute deduction windows are unchanged.
 */
export const DURATION_TYPES = ['media', 'recording', 'delivery', 'transcode', 'slicing'] as const;
/** Monthly items (rating.md section 2): billed on the 1st for the month before. */
export const MONTHLY_TYPES = ['relay', 'screenshot', 'signaling'] as const;

export type DayWindow = { day: LocalDate; previousDay: LocalDate; startMs: number; endMs: number };

export function dayWindow(day: LocalDate): DayWindow {
  return { day, previousDay: addDays(day, -1), startMs: startOfLocalDay(day).getTime(), endMs: endOfLocalDay(day).getTime() };
}

/** The part of a duration record inside the day, or null when none of it is. */
export function clipToDay<R extends UsageRecord>(record: R, window: DayWindow): R | null {
  if (!('seconds' in record)) return null;
  const start = Date.parse(record.start);
  if (Number.isNaN(start)) return null;
  const end = start + record.seconds * 1000;
  if (start >= window.startMs && end <= window.endMs) return record;
  const from = Math.max(start, window.startMs);
  const to = Math.min(end, window.endMs);
  // A zero-second record on the day still counts as a record of the day (it rates to nothing).
  if (to < from || (to === from && (start < window.startMs || start >= window.endMs))) return null;
  const seconds = Math.round((to - from) / 1000);
  return { ...record, start: from === start ? record.start : toOffsetIso(new Date(from)), seconds };
}
