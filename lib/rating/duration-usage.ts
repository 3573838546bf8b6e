import type { ItemCounts } from './classify-durations';
import type { CompiledBook } from './compiled-book';
import { daysFromCivil, monthLabel, SECONDS_PER_DAY } from './time-zone';

/** Deduction and usage-statistics windows are 5 minutes (seed 002/003 FAQ; rating.md section 4). */
export const WINDOW_SECONDS = 300;
export const WINDOWS_PER_DAY = SECONDS_PER_DAY / WINDOW_SECONDS;

/** Seconds of one (app, period) for every item of the book, plus optional 5-minute windows. */
export type DurationBucket = {
  app: number;
  /** Local day number, or month number (y * 12 + m - 1) for books rounding per month. */
  period: number;
  seconds: Float64Array;
  records: Float64Array;
  samples: (number[] | undefined)[];
  /** key = local window number * itemCount + item index → seconds. */
  windows: Map<number, number> | null;
};

/**
 * Add a record's piece (`piece` seconds on one period) to a bucket's per-item seconds, record
 * counts and first `sampleSize` sample ids: the one step the rater (below) and the ingest
 * aggregates (./day-aggregates.ts) share, so both count a piece the same way.
 */
export function addPieceToItems(
  b: { seconds: Float64Array | number[]; records: Float64Array | number[]; samples: (number[] | undefined)[] },
  items: ArrayLike<number>,
  counts: ArrayLike<number>,
  size: number,
  piece: number,
  id: number,
  sampleSize: number,
): void {
  for (let k = 0; k < size; k++) {
    const item = items[k] as number;
    b.seconds[item] = (b.seconds[item] as number) + piece * (counts[k] as number);
    b.records[item] = (b.records[item] as number) + 1;
    const s = b.samples[item];
    if (s === undefined) b.samples[item] = [id];
    else if (s.length < sampleSize) s.push(id);
  }
}

/**
 * Sums duration seconds per SDKAppID, per rounding period (local day, or month for
 * rtv-cny), per item (rating.md section 3), splitting at local midnight. Memory is
 * proportional to distinct (app, period[, window]) keys, never to records. Seconds
 * are whole numbers, so plain JS numbers sum them exactly (below 2^53).
 */
export class DurationUsage {
  private readonly buckets = new Map<number, Map<number, DurationBucket>>();
  private readonly itemCount: number;
  private readonly offset: number;
  private readonly monthly: boolean;

  constructor(
    private readonly cb: CompiledBook,
    /** `byDay`: periods are local days even for a book rounding per month (the aggregates kept at ingest, day-aggregates.ts). */
    private readonly options: { windows: boolean; sampleSize: number; byDay?: boolean },
  ) {
    this.itemCount = cb.items.length;
    this.offset = cb.calendar.offsetSeconds;
    this.monthly = cb.book.rounding.period === 'month' && !options.byDay;
  }

  /** For books rounding per month: the month of a local day and the day the next month starts. */
  private monthAround(day: number): { period: number; endDay: number } {
    const month = this.cb.calendar.monthOf(day);
    const next = month + 1;
    const y = Math.floor(next / 12);
    return { period: month, endDay: daysFromCivil(y, next - y * 12 + 1, 1) };
  }

  private bucket(app: number, period: number): DurationBucket {
    let byPeriod = this.buckets.get(app);
    if (!byPeriod) this.buckets.set(app, (byPeriod = new Map()));
    let b = byPeriod.get(period);
    if (!b) {
      b = {
        app,
        period,
        seconds: new Float64Array(this.itemCount),
        records: new Float64Array(this.itemCount),
        samples: new Array<number[] | undefined>(this.itemCount),
        windows: this.options.windows ? new Map() : null,
      };
      byPeriod.set(period, b);
    }
    return b;
  }

  /** Add `seconds` from `startSeconds` (epoch) for each item x count, on behalf of record `recordIndex`. */
  add(app: number, startSeconds: number, seconds: number, classified: ItemCounts, recordIndex: number): void {
    let local = startSeconds + this.offset;
    let left = seconds;
    const { items, counts, size: n } = classified;
    for (;;) {
      const day = Math.floor(local / SECONDS_PER_DAY);
      let period = day;
      let endDay = day + 1;
      if (this.monthly) ({ period, endDay } = this.monthAround(day));
      const piece = Math.min(left, endDay * SECONDS_PER_DAY - local);
      const b = this.bucket(app, period);
      addPieceToItems(b, items, counts, n, piece, recordIndex, this.options.sampleSize);
      if (b.windows) this.addWindows(b.windows, local, piece, classified);
      left -= piece;
      local += piece;
      if (left <= 0) return;
    }
  }

  /**
   * Add what `add` would have added for a set of records on one local day, already summed
   * (day-aggregates.ts): `seconds` and `records` per item, the 5-minute windows as local
   * window numbers within the day (0..287) with their seconds, and sample record ids. For a
   * book rounding per month the day goes into its month, and the pieces `carried` over
   * from an earlier day of the same month are not counted again (`add` counts a record once
   * per period); on the month's first day they are the month's part of a record that
   * started in the month before, and count.
   */
  addAggregate(app: number, day: number, item: number, a: { seconds: number; records: number; carried?: number; windows: readonly number[]; windowSeconds: readonly number[]; samples: readonly number[] }): void {
    let period = day;
    let records = a.records;
    if (this.monthly) {
      period = this.monthAround(day).period;
      if (this.cb.calendar.monthOf(day - 1) === period) records -= a.carried ?? 0;
    }
    const b = this.bucket(app, period);
    b.seconds[item] = (b.seconds[item] as number) + a.seconds;
    b.records[item] = (b.records[item] as number) + records;
    if (a.samples.length && this.options.sampleSize > 0) {
      // The lowest record ids: the same whichever order the partial rows are read in.
      const had = b.samples[item];
      if (had === undefined && ascending(a.samples)) b.samples[item] = a.samples.slice(0, this.options.sampleSize); // sorted and distinct already (a day's 5,000 rows, each a first)
      else {
        const merged = [...(had ?? []), ...a.samples].sort((x, y) => x - y);
        b.samples[item] = [...new Set(merged)].slice(0, this.options.sampleSize);
      }
    }
    if (b.windows) {
      const base = day * WINDOWS_PER_DAY;
      for (let k = 0; k < a.windows.length; k++) {
        const key = (base + (a.windows[k] as number)) * this.itemCount + item;
        b.windows.set(key, (b.windows.get(key) ?? 0) + (a.windowSeconds[k] as number));
      }
    }
  }

  private addWindows(windows: Map<number, number>, local: number, seconds: number, classified: ItemCounts): void {
    const { items, counts, size } = classified;
    let t = local;
    let left = seconds;
    while (left > 0) {
      const w = Math.floor(t / WINDOW_SECONDS);
      const piece = Math.min(left, (w + 1) * WINDOW_SECONDS - t);
      for (let k = 0; k < size; k++) {
        const key = w * this.itemCount + (items[k] as number);
        windows.set(key, (windows.get(key) ?? 0) + piece * (counts[k] as number));
      }
      t += piece;
      left -= piece;
    }
  }

  /** Every bucket, by app then period. */
  *entries(): Generator<DurationBucket> {
    for (const app of [...this.buckets.keys()].sort((a, b) => a - b)) {
      const byPeriod = this.buckets.get(app) as Map<number, DurationBucket>;
      for (const period of [...byPeriod.keys()].sort((a, b) => a - b)) yield byPeriod.get(period) as DurationBucket;
    }
  }

  /** 'YYYY-MM-DD' (or 'YYYY-MM') of a bucket's period. */
  periodLabel(period: number): string {
    return this.monthly ? monthLabel(period) : this.cb.calendar.dateOf(period);
  }

  /** Local date of a window number. */
  windowDate(window: number): string {
    return this.cb.calendar.dateOf(Math.floor((window * WINDOW_SECONDS) / SECONDS_PER_DAY));
  }

  get periodKind(): 'day' | 'month' {
    return this.monthly ? 'month' : 'day';
  }
}

/** Strictly ascending: what sorting and removing duplicates would leave unchanged. */
function ascending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!((xs[i - 1] as number) < (xs[i] as number))) return false;
  return true;
}
