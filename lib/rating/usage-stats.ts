import { ItemCounts, classifyDurationRecord } from './classify-durations';
import { compileBook } from './compiled-book';
import { DurationUsage, WINDOW_SECONDS } from './duration-usage';
import type { UsageRecord } from './schemas';
import { localIso, parseInstantSeconds } from './time-zone';
import type { PriceBook } from './types';

/** One piece of a record under a book's rules, within one local day. */
export type UsagePiece =
  | { kind: 'duration'; app: number; item: string; day: string; start: string; seconds: number }
  | { kind: 'sample'; app: number; item: string; day: string; start: string; quantity: number; unit: 'kbps' | 'images' | 'calls' };

/** Reused by every classifyRecord call (synchronous, read before it returns): the ingestion path classifies each record. */
const scratch = new ItemCounts();

/**
 * What one validated record accrues under a book's rules (rating.md section 2), split at
 * local midnight: duration pieces carry seconds (stream count included: three HD streams
 * for 60 s is 180 s of `hd`); monthly items carry their sample. Throws RecordRuleError
 * when the book cannot rate the record.
 */
export function classifyRecord(book: PriceBook, record: UsageRecord): UsagePiece[] {
  const cb = compileBook(book);
  const at = parseInstantSeconds(record.start);
  if (at === null) throw new Error('start: expected an ISO 8601 date-time with an offset');
  const off = cb.calendar.offsetSeconds;
  const counts = scratch;
  if (!classifyDurationRecord(cb, record, counts)) {
    const m = book.monthly;
    const day = cb.calendar.dateOf(cb.calendar.dayOf(at));
    const start = localIso(at, off);
    if (record.type === 'relay' && m.relay) return [{ kind: 'sample', app: record.app, item: m.relay.items[record.target], day, start, quantity: record.kbps, unit: 'kbps' }];
    if (record.type === 'screenshot' && m.screenshot) return [{ kind: 'sample', app: record.app, item: m.screenshot.item, day, start, quantity: record.count, unit: 'images' }];
    if (record.type === 'signaling' && m.signaling) return [{ kind: 'sample', app: record.app, item: m.signaling.item, day, start, quantity: record.calls, unit: 'calls' }];
    return [];
  }
  const pieces: UsagePiece[] = [];
  let t = at;
  let left = (record as { seconds: number }).seconds;
  do {
    const day = cb.calendar.dayOf(t);
    const piece = Math.min(left, cb.calendar.dayStart(day + 1) - t);
    const date = cb.calendar.dateOf(day);
    const start = localIso(t, off);
    for (let k = 0; k < counts.size; k++) {
      const item = cb.items[counts.items[k] as number]?.code as string;
      pieces.push({ kind: 'duration', app: record.app, item, day: date, start, seconds: piece * (counts.counts[k] as number) });
    }
    t += piece;
    left -= piece;
  } while (left > 0);
  return pieces;
}

/**
 * What validation needs of `classifyRecord` without building its pieces (the ingestion
 * hot path): throws the same RecordRuleError when the book cannot rate the record, else
 * returns the local day ('YYYY-MM-DD', the book's zone) the record starts on — the day of
 * its first piece.
 */
export function classifyRecordDay(book: PriceBook, record: UsageRecord): string {
  const cb = compileBook(book);
  const at = parseInstantSeconds(record.start);
  if (at === null) throw new Error('start: expected an ISO 8601 date-time with an offset');
  classifyDurationRecord(cb, record, scratch);
  return cb.calendar.dateOf(cb.calendar.dayOf(at));
}

export type UsageBucket = { app: number; item: string; day: string; start: string; seconds: number };
export type UsageDay = { app: number; item: string; day: string; seconds: number; minutes: number };

/**
 * Usage statistics for the usage pages: duration seconds per SDKAppID, item and 5-minute
 * bucket (local time), and per local day with the day's minutes rounded up (seed 002/003
 * FAQ: single days show 5-minute detail, several days show daily totals).
 */
export function summarizeUsage(book: PriceBook, records: Iterable<UsageRecord>): { buckets: UsageBucket[]; days: UsageDay[] } {
  const cb = compileBook(book);
  const usage = new DurationUsage(cb, { windows: true, sampleSize: 0 });
  const counts = new ItemCounts();
  let i = 0;
  for (const r of records) {
    const at = parseInstantSeconds(r.start);
    if (at !== null && classifyDurationRecord(cb, r, counts)) usage.add(r.app, at, (r as { seconds: number }).seconds, counts, i);
    i++;
  }
  const n = cb.items.length;
  const buckets: UsageBucket[] = [];
  const days = new Map<string, Omit<UsageDay, 'minutes'>>();
  for (const b of usage.entries()) {
    for (const [key, seconds] of [...(b.windows ?? [])].sort((x, y) => x[0] - y[0])) {
      const window = Math.floor(key / n);
      const item = cb.items[key - window * n]?.code as string;
      const day = usage.windowDate(window);
      buckets.push({ app: b.app, item, day, start: localIso(window * WINDOW_SECONDS - cb.calendar.offsetSeconds, cb.calendar.offsetSeconds), seconds });
      const dk = `${b.app}|${day}|${item}`;
      const d = days.get(dk) ?? { app: b.app, item, day, seconds: 0 };
      d.seconds += seconds;
      days.set(dk, d);
    }
  }
  buckets.sort((x, y) => x.app - y.app || (x.start < y.start ? -1 : x.start > y.start ? 1 : 0) || (x.item < y.item ? -1 : 1));
  const daily = [...days.values()].map((d) => ({ ...d, minutes: Math.ceil(d.seconds / 60) }));
  return { buckets, days: daily.sort((x, y) => x.app - y.app || (x.day < y.day ? -1 : x.day > y.day ? 1 : 0) || (x.item < y.item ? -1 : 1)) };
}
