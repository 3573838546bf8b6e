import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { listDailyUsage, listDayWindows, listRecordsAroundDay } from '@/lib/usage/queries';
import { classifyRecord, getPriceBook, type PriceBook, type UsageRecord } from '@/lib/rating';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { aggregatePendingUsage } from './aggregates';
import { validateBatch } from './batch';
import { compactDay } from './compact';
import { storeUsageBatch } from './store';
import { summarizeDaily, windowsOfRecords } from './stats';

/**
 * Issue 11: the usage pages read the summed aggregates kept at ingest instead of
 * `usage_daily` (a table of hot rows every batch upserted). The same usage read both ways
 * gives identical page figures (checked against the table itself before it was dropped): the day totals
 * (tables, daily chart, daily export, calculator) and the 5-minute windows (chart and
 * 5-minute export, formerly rated from the raw records at each page load).
 */
const { db, sql } = testDb();

/** A deterministic mix: media of every resolution, some crossing midnight, recordings, relay peaks, screenshots. */
function makeRecords(apps: number[], n: number, seed: number): Record<string, unknown>[] {
  let s = seed;
  const rand = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * k);
  };
  const sizes = [[640, 360], [1280, 720], [1920, 1080], [2560, 1440], [3840, 2160]];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const app = apps[rand(apps.length)] as number;
    const day = 7 + rand(3);
    const hh = rand(10) === 0 ? 23 : rand(24);
    const start = `2024-10-${String(day).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}+08:00`;
    const kind = rand(20);
    if (kind === 0) out.push({ type: 'relay', app, start, target: rand(2) ? 'tencent' : 'third-party', kbps: 100 + rand(5000) });
    else if (kind === 1) out.push({ type: 'screenshot', app, start, count: 1 + rand(50) });
    else if (kind === 2) out.push({ type: 'recording', app, start, seconds: 1 + rand(7200), mode: 'mixed', inputs: [{ audio: true, video: sizes[rand(sizes.length)] }] });
    else {
      const receive = Array.from({ length: rand(4) }, (_, k) => ({ stream: `s${k}`, audio: true, ...(rand(3) ? { video: sizes[rand(sizes.length)] } : {}) }));
      out.push({ type: 'media', app, user: `u${rand(50)}`, start, seconds: 1 + rand(rand(8) === 0 ? 7200 : 1800), receive });
    }
  }
  return out;
}

async function store(accountId: string, records: Record<string, unknown>[], book = getPriceBook('trtc-2024-usd')) {
  const v = validateBatch(records.map((value) => ({ value })), { book, appRefusal: () => null });
  if (!v.ok) throw new Error(`invalid batch: ${JSON.stringify(v).slice(0, 300)}`);
  await storeUsageBatch(sql, { accountId, sdkAppId: null, source: 'import', idempotencyKey: randomUUID(), bodySha256: 'x', receivedAt: new Date(), timeZone: book.timeZone, records: v.records });
}

/**
 * What `usage_daily` held (lib/usage/store.ts `addDailyTotals` until its removal, checked
 * against the table itself in 0db765d): every stored record's pieces under the book
 * (classifyRecord, split at local midnight) summed per (day, app, item).
 */
async function oldDaily(accountId: string, book: PriceBook) {
  const rows = await sql<{ record: string | UsageRecord }[]>`select record from usage_records where account_id = ${accountId}`;
  const map = new Map<string, { sdkAppId: number; localDay: string; item: string; seconds: number; quantity: number; peak: number; records: number }>();
  for (const { record } of rows) {
    for (const p of classifyRecord(book, (typeof record === 'string' ? JSON.parse(record) : record) as UsageRecord)) {
      const key = `${p.day}|${p.app}|${p.item}`;
      let row = map.get(key);
      if (!row) map.set(key, (row = { sdkAppId: p.app, localDay: p.day, item: p.item, seconds: 0, quantity: 0, peak: 0, records: 0 }));
      row.records++;
      if (p.kind === 'duration') row.seconds += p.seconds;
      else if (p.unit === 'kbps') row.peak = Math.max(row.peak, p.quantity);
      else row.quantity += p.quantity;
    }
  }
  return [...map.values()]
    .sort((a, b) => (a.localDay < b.localDay ? -1 : a.localDay > b.localDay ? 1 : a.sdkAppId - b.sdkAppId || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)))
    .map(({ peak, ...r }) => ({ ...r, peakKbps: String(peak) }));
}

describe('usage pages from the aggregates (issue 11)', () => {
  for (const bookId of ['trtc-2024-usd', 'rtv-cny'] as const) {
    test(`${bookId}: day totals and 5-minute windows equal what usage_daily held and the raw records' windows (several batches, a demo batch, compaction)`, async () => {
      const book = getPriceBook(bookId);
      const { accountId } = await createTestAccount(db, { currency: book.currency as 'USD' | 'CNY' });
      await sql`update accounts set price_book_id = ${bookId} where id = ${accountId}`;
      const apps: number[] = [];
      for (let i = 0; i < 3; i++) apps.push((await createTestApplication(db, accountId, { name: `App ${i}` })).sdkAppId);
      const usable = bookId === 'rtv-cny' ? (r: Record<string, unknown>) => r.type === 'media' && !(r.receive as { video?: unknown }[]).some((x) => x.video) : () => true;
      // Six batches through the store (concurrently, as clients send them).
      await Promise.all([1, 2, 3, 4, 5, 6].map((k) => store(accountId, makeRecords(apps, 400, k).filter(usable), book)));
      // A batch stored the way demo data is: records and a batch row, no statistics, no aggregates.
      const demo = makeRecords(apps, 300, 99).filter(usable) as UsageRecord[];
      const batchId = randomUUID();
      await sql`insert into usage_batches (id, account_id, source, idempotency_key, record_count, received_at) values (${batchId}, ${accountId}, 'seed', ${`seed:${batchId}`}, ${demo.length}, now())`;
      for (const r of demo) {
        await sql`insert into usage_records (account_id, sdk_app_id, batch_id, type, start, local_day, seconds, record, received_at)
          values (${accountId}, ${r.app}, ${batchId}, ${r.type}, ${r.start}, ${r.start.slice(0, 10)}, ${'seconds' in r ? r.seconds : null}, ${JSON.stringify(r)}::jsonb, now())`;
      }
      expect((await aggregatePendingUsage(sql, accountId)).records).toBe(demo.length);
      expect((await aggregatePendingUsage(sql, accountId)).batches).toBe(0);

      const range = { from: '2024-10-01', to: '2024-10-31' };
      const check = async () => {
        const next = await listDailyUsage(db, accountId, range);
        const old = await oldDaily(accountId, book);
        expect(next.length).toBeGreaterThan(bookId === 'rtv-cny' ? 8 : 20);
        expect(next).toEqual(old);
        expect(next.some((r) => r.localDay === '2024-10-10')).toBe(true); // crossed midnight
        expect(summarizeDaily(book, next, range)).toEqual(summarizeDaily(book, old, range));
        for (const day of ['2024-10-07', '2024-10-08', '2024-10-09', '2024-10-10']) {
          const fromRecords = windowsOfRecords(book, await listRecordsAroundDay(db, accountId, day), day);
          const windows = await listDayWindows(db, accountId, day);
          expect(windows).toEqual(fromRecords);
          const one = apps[1] as number;
          expect(await listDayWindows(db, accountId, day, { sdkAppId: one, item: 'audio' })).toEqual(fromRecords.filter((w) => w.sdkAppId === one && w.item === 'audio'));
        }
        return next;
      };
      const before = await check();
      if (bookId === 'trtc-2024-usd') expect(before.some((r) => r.peakKbps !== '0')).toBe(true);
      // Compacted rows read the same.
      for (const day of ['2024-10-07', '2024-10-08', '2024-10-09', '2024-10-10']) expect((await compactDay(sql, accountId, day)).rowsAfter).toBeGreaterThan(0);
      expect(await check()).toEqual(before);
    }, 60_000);
  }
});
