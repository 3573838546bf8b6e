import { listDailyUsage, listDayWindows } from '@/lib/usage/queries';
import type { DbOrTx } from '@/db/client';
import type { CsvCell } from '@/lib/export/csv';
import type { PriceBook } from '@/lib/rating';
import { lastDayOfMonth, type LocalDate } from '@/lib/time/local-date';
import { bucketLabels, daysOf, isDurationItem, itemName } from './stats';
import type { UsageFilter } from './params';
import type { Locale } from '@/lib/i18n/config';
import { headerIn } from '@/lib/export/headers';
import { itemName as itemNameIn } from '@/lib/bills/words';

/**
 * Usage detail for download, like the seed's billing-center export ("The file shows your
 * usage on a 5-minute as well as daily basis. The statistics are accurate to the second",
 * seed 003 FAQ): one file per granularity, seconds exact, minutes rounded up per
 * application, item and day. The rows follow the usage page's filters (dates, application,
 * item). Rows come in batches (a day at a time for 5-minute rows), so CSV streams them.
 */
export type ExportGranularity = '5min' | 'day';

export const FIVE_MINUTE_HEADER = ['date', 'window_start', 'window_end', 'time_zone', 'sdk_app_id', 'item', 'item_name', 'seconds'];
export const DAILY_HEADER = ['date', 'time_zone', 'sdk_app_id', 'item', 'item_name', 'unit', 'seconds', 'minutes_rounded_up', 'quantity', 'peak_kbps', 'records'];

export type UsageRows = AsyncGenerator<CsvCell[][]>;

export function monthDays(month: string): LocalDate[] {
  const first = `${month}-01`;
  return daysOf(first, lastDayOfMonth(first));
}

/** A month as a filter (the old `?month=` links). */
export function monthFilter(month: string): UsageFilter {
  const first = `${month}-01`;
  return { from: first, to: lastDayOfMonth(first) };
}

const windowEnd = (start: string) => {
  const endMinutes = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) + 5;
  return `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
};

export async function* fiveMinuteRows(db: DbOrTx, accountId: string, book: PriceBook, filter: UsageFilter, locale: Locale = 'en'): UsageRows {
  yield [headerIn(locale, FIVE_MINUTE_HEADER)];
  const labels = bucketLabels();
  for (const day of daysOf(filter.from, filter.to)) {
    // The day's summed aggregates (issue 11), by application, window, item.
    const windows = await listDayWindows(db, accountId, day, { sdkAppId: filter.sdkAppId, item: filter.item });
    const rows: CsvCell[][] = windows.map((w) => {
      const start = labels[w.window] as string;
      return [day, start, windowEnd(start), book.timeZone, w.sdkAppId, w.item, itemNameIn(locale, w.item, itemName(book, w.item)), w.seconds];
    });
    if (rows.length) yield rows;
  }
}

export async function* dailyRows(db: DbOrTx, accountId: string, book: PriceBook, filter: UsageFilter, locale: Locale = 'en'): UsageRows {
  yield [headerIn(locale, DAILY_HEADER)];
  const rows = await listDailyUsage(db, accountId, filter);
  yield rows.map((r) => {
    const duration = isDurationItem(book, r.item);
    const unit = book.items.find((i) => i.code === r.item)?.unit ?? '';
    return [
      r.localDay,
      book.timeZone,
      r.sdkAppId,
      r.item,
      itemNameIn(locale, r.item, itemName(book, r.item)),
      unit,
      duration ? r.seconds : '',
      duration ? Math.ceil(r.seconds / 60) : '',
      duration ? '' : r.quantity || '',
      duration || r.peakKbps === '0' ? '' : r.peakKbps,
      r.records,
    ];
  });
}

export function usageRows(db: DbOrTx, accountId: string, book: PriceBook, filter: UsageFilter, granularity: ExportGranularity, locale: Locale = 'en'): UsageRows {
  return granularity === '5min' ? fiveMinuteRows(db, accountId, book, filter, locale) : dailyRows(db, accountId, book, filter, locale);
}

/** The file name says what it holds: dates, granularity, application and item. */
export function usageFileName(filter: UsageFilter, granularity: ExportGranularity, ext: 'csv' | 'xlsx'): string {
  const range = filter.from === filter.to ? filter.from : `${filter.from}_${filter.to}`;
  return `usage-${range}-${granularity === '5min' ? '5-minute' : 'daily'}${filter.sdkAppId ? `-${filter.sdkAppId}` : ''}${filter.item ? `-${filter.item}` : ''}.${ext}`;
}
