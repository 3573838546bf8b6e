import { summarizeUsage, type PriceBook, type UsageRecord } from '@/lib/rating';
import { addDays, daysBetween, type LocalDate } from '@/lib/time/local-date';

/**
 * Usage statistics for the usage page (seed 003 FAQ, "How do I view the details of my
 * billable durations?"): one day shows 5-minute buckets, a range shows daily totals.
 * Minutes are rounded up from the seconds summed per SDKAppID, per item, per local day
 * (rating.md section 3; per month for books that round per month). Pure: rows in,
 * view model out.
 */
export const BUCKETS_PER_DAY = 288;
export const MAX_RANGE_DAYS = 366;

export type DailyStat = { sdkAppId: number; localDay: string; item: string; seconds: number; quantity: number; peakKbps: string; records: number };

export type ChartSeries = { item: string; name: string; values: number[]; /** Exact seconds per bucket (the chart's minutes are computed from them with decimal.js). */ seconds: number[] };
export type UsageChart = {
  granularity: '5min' | 'day';
  /** Bucket labels: `HH:MM` (5-minute) or `YYYY-MM-DD` (daily). */
  labels: string[];
  /** Minutes per bucket and item: exact seconds / 60 for 5-minute buckets, rounded-up minutes for days. */
  series: ChartSeries[];
};

export type AppItemRow = { sdkAppId: number; item: string; name: string; seconds: number; minutes: number; days: number; records: number };
export type DayRow = { day: string; minutesByItem: Record<string, number>; secondsByItem: Record<string, number>; minutes: number; seconds: number };
export type SampledRow = { sdkAppId: number; item: string; name: string; unit: 'kbps' | 'images' | 'calls'; value: string };

export type UsageView = {
  from: LocalDate;
  to: LocalDate;
  granularity: '5min' | 'day';
  chart: UsageChart;
  byAppItem: AppItemRow[];
  byDay: DayRow[];
  sampled: SampledRow[];
  totalSeconds: number;
  totalMinutes: number;
  rounding: string;
};

const minutesOf = (seconds: number) => Math.ceil(seconds / 60);

/** Duration items are priced per minute; relay, screenshots and signalling are sampled monthly items. */
export function isDurationItem(book: PriceBook, item: string): boolean {
  return book.items.find((i) => i.code === item)?.unit === 'minute';
}

export function itemName(book: PriceBook, item: string): string {
  return book.items.find((i) => i.code === item)?.name ?? item;
}

/** Items in the book's display order. */
export function orderItems(book: PriceBook, items: Iterable<string>): string[] {
  const order = new Map(book.items.map((i, n) => [i.code, n]));
  return [...new Set(items)].sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || (a < b ? -1 : 1));
}

export function roundingRule(book: PriceBook): string {
  return book.rounding.period === 'month'
    ? `Minutes are the seconds summed per application, per item, per calendar month (${book.timeZone}), rounded up to whole minutes (price book ${book.id}).`
    : `Minutes are the seconds summed per application, per item, per local day (${book.timeZone}), rounded up to whole minutes; a record crossing midnight is split at midnight (rating.md §3).`;
}

/** `HH:MM` labels of a day's 288 five-minute buckets. */
export function bucketLabels(): string[] {
  return Array.from({ length: BUCKETS_PER_DAY }, (_, i) => `${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}`);
}

/** Bucket index of a local ISO time `YYYY-MM-DDTHH:MM:SS+08:00`. */
export function bucketIndex(localIso: string): number {
  const hh = Number(localIso.slice(11, 13));
  const mm = Number(localIso.slice(14, 16));
  return hh * 12 + Math.floor(mm / 5);
}

/** Seconds of one (SDKAppID, item) in one local 5-minute window (0..287) of a day. */
export type WindowRow = { sdkAppId: number; item: string; window: number; seconds: number };

/**
 * The 5-minute windows of one local day from records (the day's and the day before's, for
 * records crossing midnight), via lib/rating's summarizeUsage: the same windows the
 * aggregates kept at ingest carry (lib/rating/day-aggregates.ts), which the pages read.
 */
export function windowsOfRecords(book: PriceBook, records: Iterable<UsageRecord>, day: LocalDate): WindowRow[] {
  const { buckets } = summarizeUsage(book, records);
  return buckets.filter((b) => b.day === day).map((b) => ({ sdkAppId: b.app, item: b.item, window: bucketIndex(b.start), seconds: b.seconds }));
}

/**
 * 5-minute chart of one local day from its windows (`listDayWindows`: the day's summed
 * aggregates). Minutes per bucket are exact (seconds / 60), as the seed's real-time
 * statistics are "accurate to the minute".
 */
export function windowChart(book: PriceBook, rows: Iterable<WindowRow>, filter: { sdkAppId?: number; item?: string } = {}): UsageChart {
  const byItem = new Map<string, number[]>();
  for (const r of rows) {
    if (filter.sdkAppId !== undefined && r.sdkAppId !== filter.sdkAppId) continue;
    if (filter.item !== undefined && r.item !== filter.item) continue;
    let values = byItem.get(r.item);
    if (!values) byItem.set(r.item, (values = new Array<number>(BUCKETS_PER_DAY).fill(0)));
    values[r.window] = (values[r.window] as number) + r.seconds;
  }
  return {
    granularity: '5min',
    labels: bucketLabels(),
    series: orderItems(book, byItem.keys()).map((item) => {
      const seconds = byItem.get(item) as number[];
      return { item, name: itemName(book, item), values: seconds.map((s) => s / 60), seconds };
    }),
  };
}

/** 5-minute chart of one local day from its records (and the day before's, for records crossing midnight). */
export function fiveMinuteChart(book: PriceBook, records: Iterable<UsageRecord>, filter: { day: LocalDate; sdkAppId?: number; item?: string }): UsageChart {
  return windowChart(book, windowsOfRecords(book, records, filter.day), filter);
}

/** Every local date from `from` to `to` inclusive. */
export function daysOf(from: LocalDate, to: LocalDate): LocalDate[] {
  const n = daysBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

/**
 * Tables (and the daily chart) from the day totals (`listDailyUsage`: the summed aggregates): per application and item over the
 * range, and per day with each item's minutes (the sum over applications of each
 * application's rounded-up day).
 */
export function summarizeDaily(book: PriceBook, rows: readonly DailyStat[], range: { from: LocalDate; to: LocalDate }): Omit<UsageView, 'chart' | 'granularity'> & { dailyChart: UsageChart } {
  const monthly = book.rounding.period === 'month';
  const appItem = new Map<string, AppItemRow>();
  const days = new Map<string, DayRow>();
  const sampledMap = new Map<string, SampledRow>();
  // Per-month books: round each (app, item, month) once.
  const monthSeconds = new Map<string, number>();
  let totalSeconds = 0;
  for (const r of rows) {
    if (!isDurationItem(book, r.item)) {
      const key = `${r.sdkAppId}|${r.item}`;
      const unit: SampledRow['unit'] = Number(r.peakKbps) > 0 || r.item.startsWith('relay') ? 'kbps' : r.item === 'signaling' ? 'calls' : 'images';
      const s = sampledMap.get(key) ?? { sdkAppId: r.sdkAppId, item: r.item, name: itemName(book, r.item), unit, value: '0' };
      s.value = unit === 'kbps' ? String(Math.max(Number(s.value), Number(r.peakKbps))) : String(Number(s.value) + r.quantity);
      sampledMap.set(key, s);
      continue;
    }
    totalSeconds += r.seconds;
    const key = `${r.sdkAppId}|${r.item}`;
    const row = appItem.get(key) ?? { sdkAppId: r.sdkAppId, item: r.item, name: itemName(book, r.item), seconds: 0, minutes: 0, days: 0, records: 0 };
    row.seconds += r.seconds;
    row.records += r.records;
    row.days += 1;
    if (!monthly) row.minutes += minutesOf(r.seconds);
    else {
      const mk = `${key}|${r.localDay.slice(0, 7)}`;
      monthSeconds.set(mk, (monthSeconds.get(mk) ?? 0) + r.seconds);
    }
    appItem.set(key, row);
    const day = days.get(r.localDay) ?? { day: r.localDay, minutesByItem: {}, secondsByItem: {}, minutes: 0, seconds: 0 };
    const m = monthly ? r.seconds / 60 : minutesOf(r.seconds);
    day.minutesByItem[r.item] = (day.minutesByItem[r.item] ?? 0) + m;
    day.secondsByItem[r.item] = (day.secondsByItem[r.item] ?? 0) + r.seconds;
    day.minutes += m;
    day.seconds += r.seconds;
    days.set(r.localDay, day);
  }
  if (monthly) {
    for (const [mk, seconds] of monthSeconds) {
      const key = mk.split('|').slice(0, 2).join('|');
      const row = appItem.get(key);
      if (row) row.minutes += minutesOf(seconds);
    }
  }
  const items = orderItems(book, [...appItem.values()].map((r) => r.item));
  const order = new Map(items.map((item, i) => [item, i]));
  const byAppItem = [...appItem.values()].sort((a, b) => a.sdkAppId - b.sdkAppId || (order.get(a.item) ?? 0) - (order.get(b.item) ?? 0));
  const allDays = daysOf(range.from, range.to);
  const byDay = allDays.map((d) => days.get(d) ?? { day: d, minutesByItem: {}, secondsByItem: {}, minutes: 0, seconds: 0 });
  return {
    from: range.from,
    to: range.to,
    byAppItem,
    byDay,
    sampled: [...sampledMap.values()].sort((a, b) => a.sdkAppId - b.sdkAppId || (a.item < b.item ? -1 : 1)),
    totalSeconds,
    totalMinutes: byAppItem.reduce((n, r) => n + r.minutes, 0),
    rounding: roundingRule(book),
    dailyChart: {
      granularity: 'day',
      labels: allDays,
      series: items.map((item) => ({ item, name: itemName(book, item), values: byDay.map((d) => d.minutesByItem[item] ?? 0), seconds: byDay.map((d) => d.secondsByItem[item] ?? 0) })),
    },
  };
}
