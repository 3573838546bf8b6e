import { ItemCounts, classifyDurationRecord } from './classify-durations';
import { compileBook } from './compiled-book';
import { DurationUsage, WINDOWS_PER_DAY } from './duration-usage';
import type { UsageRecord } from './schemas';
import { parseInstantSeconds, SECONDS_PER_DAY } from './time-zone';
import type { PriceBook } from './types';
import { classifyRecord } from './usage-stats';

/**
 * What one set of records (a stored batch) adds to one (SDKAppID, local day, item): the
 * partial row the usage store keeps beside the raw records (issue 11: aggregates kept at
 * ingest) and from which settlement rates the day. Durations carry the day's seconds
 * (stream count included) and their 5-minute windows (rating.md section 4: the deduction
 * runs window by window), from the same classification and midnight split the rater
 * uses (`DurationUsage`), so summing the partial rows of a day and handing them to
 * `rater.addAggregate` rates exactly what streaming the records would.
 */
export type DayAggregate = {
  app: number;
  /** Local day 'YYYY-MM-DD' in the book's zone. */
  day: string;
  /** Duration items: seconds; 0 for sampled items. */
  seconds: number;
  /** Screenshots (images) and signalling (calls) summed; 0 otherwise. */
  quantity: number;
  /** Relay: the highest kbps sample; 0 otherwise. */
  peak: number;
  /** Record pieces (a record split at midnight counts on each day) that produced this row. */
  records: number;
  /** '' on a row that only counts records accruing no item. */
  item: string;
  /**
   * Duration records touching this (app, day), counted once whatever their items: set on
   * the first duration row of each (app, day) and 0 on the others, so a sum over rows counts records.
   */
  dayRecords: number;
  /** Local 5-minute window numbers within the day (0..287), ascending, and the seconds in each. */
  windows: number[];
  windowSeconds: number[];
  /** The lowest ids of the records that produced the row (explanations name them). */
  samples: number[];
  /**
   * Of `records`, the pieces of records that started on an earlier local day (a record
   * crossing midnight), and of `dayRecords`, those records: a period longer than a day
   * (rtv-cny rounds per month, rating.md section 3) counts such a record once, as the rater does.
   */
  carried: number;
  dayCarried: number;
};

export type IdentifiedRecord = { record: UsageRecord; id: number };

type DayCounts = { records: number; carried: number; itemCarried: Map<number, number> | null };

/**
 * Partial rows of a set of validated records (every record must be rateable by the book:
 * the store validates first). Rows come sorted by day, app, item.
 */
export function aggregateDays(book: PriceBook, records: Iterable<IdentifiedRecord>, sampleSize = 5): DayAggregate[] {
  const cb = compileBook(book);
  const usage = new DurationUsage(cb, { windows: true, sampleSize, byDay: true });
  const counts = new ItemCounts();
  // Per (app, local day number): the duration records touching the day, those that started
  // on an earlier day, and those per item index (numeric keys: this runs per record).
  const perApp = new Map<number, Map<number, DayCounts>>();
  let lastApp = NaN;
  let lastDays: Map<number, DayCounts> | undefined;
  const sampled = new Map<string, DayAggregate>();
  for (const { record, id } of records) {
    const at = parseInstantSeconds(record.start);
    if (at === null) throw new Error('start: expected an ISO 8601 date-time with an offset');
    if (classifyDurationRecord(cb, record, counts)) {
      const seconds = (record as { seconds: number }).seconds;
      usage.add(record.app, at, seconds, counts, id);
      if (record.app !== lastApp) {
        lastApp = record.app;
        lastDays = perApp.get(lastApp);
        if (!lastDays) perApp.set(lastApp, (lastDays = new Map()));
      }
      const days = lastDays as Map<number, DayCounts>;
      // The local days the record has a piece on (a record ending at midnight has none on the next day).
      const first = cb.calendar.dayOf(at);
      const last = seconds > 0 ? cb.calendar.dayOf(at + seconds - 1) : first;
      for (let d = first; d <= last; d++) {
        let c = days.get(d);
        if (!c) days.set(d, (c = { records: 0, carried: 0, itemCarried: null }));
        c.records++;
        if (d === first) continue;
        c.carried++;
        const byItem = (c.itemCarried ??= new Map());
        for (let k = 0; k < counts.size; k++) {
          const item = counts.items[k] as number;
          byItem.set(item, (byItem.get(item) ?? 0) + 1);
        }
      }
      continue;
    }
    for (const p of classifyRecord(book, record)) {
      if (p.kind !== 'sample') continue;
      const key = `${p.app}|${p.day}|${p.item}`;
      let row = sampled.get(key);
      if (!row) sampled.set(key, (row = { app: p.app, day: p.day, item: p.item, seconds: 0, quantity: 0, peak: 0, records: 0, dayRecords: 0, windows: [], windowSeconds: [], samples: [], carried: 0, dayCarried: 0 }));
      row.records++;
      if (row.samples.length < sampleSize) row.samples.push(id);
      if (p.unit === 'kbps') row.peak = Math.max(row.peak, p.quantity);
      else row.quantity += p.quantity;
    }
  }
  const n = cb.items.length;
  const out: DayAggregate[] = [...sampled.values()];
  for (const b of usage.entries()) {
    const day = cb.calendar.dateOf(b.period);
    const perItem = new Map<number, { windows: number[]; windowSeconds: number[] }>();
    for (const [key, seconds] of [...(b.windows ?? [])].sort((x, y) => x[0] - y[0])) {
      const window = Math.floor(key / n);
      const item = key - window * n;
      let w = perItem.get(item);
      if (!w) perItem.set(item, (w = { windows: [], windowSeconds: [] }));
      w.windows.push(window - b.period * WINDOWS_PER_DAY);
      w.windowSeconds.push(seconds);
    }
    const c = perApp.get(b.app)?.get(b.period);
    const dayRecords = c?.records ?? 0;
    const dayCarried = c?.carried ?? 0;
    let first = true;
    for (let i = 0; i < n; i++) {
      const records = b.records[i] as number;
      if (records === 0) continue;
      const w = perItem.get(i) ?? { windows: [], windowSeconds: [] };
      out.push({
        app: b.app,
        day,
        item: cb.items[i]?.code as string,
        seconds: b.seconds[i] as number,
        quantity: 0,
        peak: 0,
        records,
        dayRecords: first ? dayRecords : 0,
        windows: w.windows,
        windowSeconds: w.windowSeconds,
        samples: [...(b.samples[i] ?? [])].sort((x, y) => x - y),
        carried: c?.itemCarried?.get(i) ?? 0,
        dayCarried: first ? dayCarried : 0,
      });
      first = false;
    }
    // Records that accrue no item (a media record receiving nothing under hst-cny) still count as the day's records.
    if (first && dayRecords > 0) {
      out.push({ app: b.app, day, item: '', seconds: 0, quantity: 0, peak: 0, records: 0, dayRecords, windows: [], windowSeconds: [], samples: [], carried: 0, dayCarried });
    }
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.app - b.app || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)));
}

/** Local day number of a 'YYYY-MM-DD' in a book's zone (the rater's period number). */
export function dayNumberOf(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 1000 / SECONDS_PER_DAY);
}
