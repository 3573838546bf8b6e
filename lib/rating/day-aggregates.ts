import { ItemCounts, classifyDurationRecord } from './classify-durations';
import { compileBook } from './compiled-book';
import { addPieceToItems, WINDOW_SECONDS, WINDOWS_PER_DAY } from './duration-usage';
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

/** One (app, local day): per item index the seconds, record pieces, samples and 5-minute windows (0..287). */
type DayBucket = {
  seconds: number[];
  records: number[];
  samples: (number[] | undefined)[];
  windows: (WindowSums | undefined)[];
  /** Duration records with a piece on the day, and those that started on an earlier day (in total and per item). */
  dayRecords: number;
  dayCarried: number;
  itemCarried: number[] | null;
};

/**
 * The 5-minute window seconds of one (app, day, item): [window, seconds, window, seconds, ...]
 * while few windows are touched, then WINDOWS_PER_DAY dense slots. A batch spanning many
 * applications and days (10,000 records over 1,000 applications and 30 days) touches a few
 * windows of most of its (app, day, item)s: 288 slots each were most of the usage API's
 * server CPU (and 2.3 KB outside V8's heap each); one application's day of records fills them.
 */
type WindowSums = number[] | Float64Array;
const SPARSE_WINDOWS = 24;

function addToWindow(windows: (WindowSums | undefined)[], item: number, window: number, seconds: number): void {
  const win = windows[item];
  if (win === undefined) {
    windows[item] = [window, seconds];
    return;
  }
  if (win instanceof Float64Array) {
    win[window] = (win[window] as number) + seconds;
    return;
  }
  for (let j = 0; j < win.length; j += 2) {
    if (win[j] === window) {
      win[j + 1] = (win[j + 1] as number) + seconds;
      return;
    }
  }
  if (win.length < 2 * SPARSE_WINDOWS) {
    win.push(window, seconds);
    return;
  }
  const dense = new Float64Array(WINDOWS_PER_DAY);
  for (let j = 0; j < win.length; j += 2) dense[win[j] as number] = (dense[win[j] as number] as number) + (win[j + 1] as number);
  dense[window] = (dense[window] as number) + seconds;
  windows[item] = dense;
}

/** The touched windows (ascending) and their seconds. */
function windowRows(win: WindowSums | undefined, windows: number[], windowSeconds: number[]): void {
  if (win === undefined) return;
  if (win instanceof Float64Array) {
    for (let w = 0; w < WINDOWS_PER_DAY; w++) {
      // Every count of ItemCounts is at least 1 and a piece at least 1 s: a touched window is never 0.
      if (win[w] !== 0) {
        windows.push(w);
        windowSeconds.push(win[w] as number);
      }
    }
    return;
  }
  const order: number[] = [];
  for (let j = 0; j < win.length; j += 2) order.push(j);
  order.sort((a, b) => (win[a] as number) - (win[b] as number));
  for (const j of order) {
    windows.push(win[j] as number);
    windowSeconds.push(win[j + 1] as number);
  }
}

/**
 * Partial rows of a set of validated records (every record must be rateable by the book:
 * the store validates first). Rows come sorted by day, app, item.
 */
export function aggregateDays(book: PriceBook, records: Iterable<IdentifiedRecord>, sampleSize = 5): DayAggregate[] {
  const aggregator = new DayAggregator(book, sampleSize);
  for (const { record, id } of records) aggregator.add(record, id);
  return aggregator.rows();
}

/**
 * aggregateDays one record at a time: the usage API adds each record as it parses it, so
 * that no parsed record outlives the pass (the batch's store then waits on the database
 * holding only these sums and the COPY bytes). `add` returns the local day the record
 * starts on (what classifyRecordDay returns) and throws RecordRuleError where the book
 * refuses the record, like classifyRecordDay, possibly after summing part of it: a
 * caller that catches it drops the aggregator.
 */
export class DayAggregator {
  readonly #book: PriceBook;
  readonly #sampleSize: number;
  readonly #cb: ReturnType<typeof compileBook>;
  readonly #n: number;
  readonly #offset: number;
  readonly #counts = new ItemCounts();
  // Per (app, local day number) a bucket of typed arrays (this runs per record: no string
  // keys, no Map per window). The same sums as DurationUsage (byDay, with windows), which
  // the rater uses: day-aggregates.test.ts checks that the rows rate exactly like the records.
  readonly #perApp = new Map<number, Map<number, DayBucket>>();
  #lastApp = NaN;
  #lastDays: Map<number, DayBucket> | undefined;
  readonly #sampled = new Map<string, DayAggregate>();

  constructor(book: PriceBook, sampleSize = 5) {
    this.#book = book;
    this.#sampleSize = sampleSize;
    this.#cb = compileBook(book);
    this.#n = this.#cb.items.length;
    this.#offset = this.#cb.calendar.offsetSeconds;
  }

  #bucketOf(app: number, day: number): DayBucket {
    if (app !== this.#lastApp) {
      this.#lastApp = app;
      this.#lastDays = this.#perApp.get(app);
      if (!this.#lastDays) this.#perApp.set(app, (this.#lastDays = new Map()));
    }
    const days = this.#lastDays as Map<number, DayBucket>;
    let b = days.get(day);
    if (!b) {
      const n = this.#n;
      days.set(day, (b = { seconds: new Array<number>(n).fill(0), records: new Array<number>(n).fill(0), samples: new Array<number[] | undefined>(n), windows: new Array<WindowSums | undefined>(n), dayRecords: 0, dayCarried: 0, itemCarried: null }));
    }
    return b;
  }

  /** Sum one record under `id`; the local day ('YYYY-MM-DD') its start falls on. */
  add(record: UsageRecord, id: number): string {
    const cb = this.#cb;
    const n = this.#n;
    const sampleSize = this.#sampleSize;
    const counts = this.#counts;
    const at = parseInstantSeconds(record.start);
    if (at === null) throw new Error('start: expected an ISO 8601 date-time with an offset');
    const startDay = cb.calendar.dateOf(cb.calendar.dayOf(at));
    if (classifyDurationRecord(cb, record, counts)) {
      const size = counts.size;
      const items = counts.items;
      const itemCounts = counts.counts;
      let local = at + this.#offset;
      let left = (record as { seconds: number }).seconds;
      let first = true;
      // Split at local midnight (a record of 0 seconds still counts on its day), then into 5-minute windows.
      for (;;) {
        const day = Math.floor(local / SECONDS_PER_DAY);
        const piece = Math.min(left, (day + 1) * SECONDS_PER_DAY - local);
        const b = this.#bucketOf(record.app, day);
        b.dayRecords++;
        if (!first) {
          b.dayCarried++;
          const byItem = (b.itemCarried ??= new Array<number>(n).fill(0));
          for (let k = 0; k < size; k++) byItem[items[k] as number] = (byItem[items[k] as number] as number) + 1;
        }
        addPieceToItems(b, items, itemCounts, size, piece, id, sampleSize);
        let t = local;
        let l = piece;
        const dayWindow = day * WINDOWS_PER_DAY;
        while (l > 0) {
          const w = Math.floor(t / WINDOW_SECONDS);
          const p = Math.min(l, (w + 1) * WINDOW_SECONDS - t);
          const wi = w - dayWindow;
          for (let k = 0; k < size; k++) addToWindow(b.windows, items[k] as number, wi, p * (itemCounts[k] as number));
          t += p;
          l -= p;
        }
        left -= piece;
        local += piece;
        first = false;
        if (left <= 0) break;
      }
      return startDay;
    }
    for (const p of classifyRecord(this.#book, record)) {
      if (p.kind !== 'sample') continue;
      const key = `${p.app}|${p.day}|${p.item}`;
      let row = this.#sampled.get(key);
      if (!row) this.#sampled.set(key, (row = { app: p.app, day: p.day, item: p.item, seconds: 0, quantity: 0, peak: 0, records: 0, dayRecords: 0, windows: [], windowSeconds: [], samples: [], carried: 0, dayCarried: 0 }));
      row.records++;
      if (row.samples.length < sampleSize) row.samples.push(id);
      if (p.unit === 'kbps') row.peak = Math.max(row.peak, p.quantity);
      else row.quantity += p.quantity;
    }
    return startDay;
  }

  /** The partial rows of every record added, sorted by day, app, item. */
  rows(): DayAggregate[] {
    const cb = this.#cb;
    const n = this.#n;
    const out: DayAggregate[] = [...this.#sampled.values()];
    for (const app of [...this.#perApp.keys()].sort((a, b) => a - b)) {
      const days = this.#perApp.get(app) as Map<number, DayBucket>;
      for (const d of [...days.keys()].sort((a, b) => a - b)) {
        const b = days.get(d) as DayBucket;
        const day = cb.calendar.dateOf(d);
        let first = true;
        for (let i = 0; i < n; i++) {
          const records = b.records[i] as number;
          if (records === 0) continue;
          const windows: number[] = [];
          const windowSeconds: number[] = [];
          windowRows(b.windows[i], windows, windowSeconds);
          out.push({
            app,
            day,
            item: cb.items[i]?.code as string,
            seconds: b.seconds[i] as number,
            quantity: 0,
            peak: 0,
            records,
            dayRecords: first ? b.dayRecords : 0,
            windows,
            windowSeconds,
            samples: [...(b.samples[i] ?? [])].sort((x, y) => x - y),
            carried: b.itemCarried?.[i] ?? 0,
            dayCarried: first ? b.dayCarried : 0,
          });
          first = false;
        }
        // Records that accrue no item (a media record receiving nothing under hst-cny) still count as the day's records.
        if (first && b.dayRecords > 0) {
          out.push({ app, day, item: '', seconds: 0, quantity: 0, peak: 0, records: 0, dayRecords: b.dayRecords, windows: [], windowSeconds: [], samples: [], carried: 0, dayCarried: b.dayCarried });
        }
      }
    }
    return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.app - b.app || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)));
  }
}

/** Local day number of a 'YYYY-MM-DD' in a book's zone (the rater's period number). */
export function dayNumberOf(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 1000 / SECONDS_PER_DAY);
}
