import { listDailyUsage, listRecordsAroundDay } from '@/db/queries/usage';
import type { DbOrTx } from '@/db/client';
import { summarizeUsage, type PriceBook } from '@/lib/rating';
import { lastDayOfMonth, type LocalDate } from '@/lib/time/local-date';
import { csvLine } from './csv';
import { daysOf, isDurationItem, itemName } from './stats';

/**
 * A month's usage detail as CSV, like the seed's billing-center export ("The file shows
 * your usage on a 5-minute as well as daily basis. The statistics are accurate to the
 * second", seed 003 FAQ): one file per granularity, seconds exact, minutes rounded up
 * per application, item and day. Streamed a day at a time (memory bounded by one day).
 */
export type ExportGranularity = '5min' | 'day';

export const FIVE_MINUTE_HEADER = ['date', 'window_start', 'window_end', 'time_zone', 'sdk_app_id', 'item', 'item_name', 'seconds'];
export const DAILY_HEADER = ['date', 'time_zone', 'sdk_app_id', 'item', 'item_name', 'unit', 'seconds', 'minutes_rounded_up', 'quantity', 'peak_kbps', 'records'];

export function monthDays(month: string): LocalDate[] {
  const first = `${month}-01`;
  return daysOf(first, lastDayOfMonth(first));
}

export async function* fiveMinuteCsv(db: DbOrTx, accountId: string, book: PriceBook, month: string, sdkAppId?: number): AsyncGenerator<string> {
  yield csvLine(FIVE_MINUTE_HEADER);
  for (const day of monthDays(month)) {
    const records = await listRecordsAroundDay(db, accountId, day, sdkAppId);
    if (!records.length) continue;
    const { buckets } = summarizeUsage(book, records);
    let out = '';
    for (const b of buckets) {
      if (b.day !== day || (sdkAppId !== undefined && b.app !== sdkAppId)) continue;
      const start = b.start.slice(11, 16);
      const endMinutes = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) + 5;
      const end = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
      out += csvLine([day, start, end, book.timeZone, b.app, b.item, itemName(book, b.item), b.seconds]);
    }
    if (out) yield out;
  }
}

export async function* dailyCsv(db: DbOrTx, accountId: string, book: PriceBook, month: string, sdkAppId?: number): AsyncGenerator<string> {
  yield csvLine(DAILY_HEADER);
  const first = `${month}-01`;
  const rows = await listDailyUsage(db, accountId, { from: first, to: lastDayOfMonth(first), sdkAppId });
  let out = '';
  for (const r of rows) {
    const duration = isDurationItem(book, r.item);
    const unit = book.items.find((i) => i.code === r.item)?.unit ?? '';
    out += csvLine([
      r.localDay,
      book.timeZone,
      r.sdkAppId,
      r.item,
      itemName(book, r.item),
      unit,
      duration ? r.seconds : '',
      duration ? Math.ceil(r.seconds / 60) : '',
      duration ? '' : r.quantity || '',
      duration || r.peakKbps === '0' ? '' : r.peakKbps,
      r.records,
    ]);
  }
  yield out;
}

/** A web stream of CSV text from an async generator of chunks. */
export function csvStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
