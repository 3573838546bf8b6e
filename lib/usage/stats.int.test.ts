import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { usageBatches, usageRecords } from '@/db/schema';
import { listDailyUsage, listDayWindows, listEntitlementUsage } from '@/lib/usage/queries';
import { getPriceBook } from '@/lib/rating';
import { testDb } from '@/tests/db';
import { buyTestPackage, createTestAccount, createTestApplication, setTestClock } from '@/tests/factories';
import { safeUsageWatermark, settleDay } from '@/lib/settlement';
import { validateBatch } from './batch';
import { projectExhaustion } from './package-projection';
import { storeUsageBatch } from './store';
import { parse as parseCsvText } from 'csv-parse/sync';
import { aggregatePendingUsage } from './aggregates';
import { csvRows } from '@/lib/export/csv';
import { dailyRows, fiveMinuteRows, monthFilter, type UsageRows } from './export';
import { summarizeDaily, windowChart } from './stats';
import { syntheticUsage } from './synthetic';

const { db, sql } = testDb();
const book = getPriceBook('trtc-2024-usd');

async function collect(gen: UsageRows): Promise<Record<string, string>[]> {
  let text = '';
  for await (const rows of gen) text += csvRows(rows);
  return parseCsvText(text, { bom: true, columns: true, relax_column_count: true }) as Record<string, string>[];
}

/** Records inserted the way the demo data does: a batch row and records, no statistics. */
async function seedLikeDemo(accountId: string, sdkAppId: number, days: string[]) {
  const [batch] = await db.insert(usageBatches).values({ accountId, sdkAppId, source: 'seed', idempotencyKey: `seed:${randomUUID()}`, recordCount: 0, receivedAt: new Date() }).returning();
  let n = 0;
  for (const [i, day] of days.entries()) {
    const records = syntheticUsage({ sdkAppId, from: new Date(`${day}T20:00:00+08:00`), spanMs: 6 * 3_600_000, sessions: 6, seed: i + 1 });
    n += records.length;
    await db.insert(usageRecords).values(
      records.map((r) => ({ accountId, sdkAppId, batchId: batch!.id, type: r.type, start: new Date(r.start), localDay: r.start.slice(0, 10), seconds: r.seconds, record: r, receivedAt: new Date() })),
    );
  }
  return n;
}

describe('usage statistics', () => {
  test('batches stored without statistics (demo data) are summed once on the next read', async () => {
    const { accountId } = await createTestAccount(db);
    const app = await createTestApplication(db, accountId);
    const n = await seedLikeDemo(accountId, app.sdkAppId, ['2024-10-07', '2024-10-08']);
    expect(await listDailyUsage(db, accountId, { from: '2024-10-01', to: '2024-10-31' })).toEqual([]);
    const [first, second] = await Promise.all([aggregatePendingUsage(sql, accountId), aggregatePendingUsage(sql, accountId)]);
    expect(first.batches + second.batches).toBe(1);
    expect(first.records + second.records).toBe(n);
    expect((await aggregatePendingUsage(sql, accountId)).batches).toBe(0);
    const rows = await listDailyUsage(db, accountId, { from: '2024-10-01', to: '2024-10-31' });
    expect(rows.reduce((s, r) => s + r.records, 0)).toBeGreaterThanOrEqual(n);
    // Sessions start up to 02:00 and run past midnight: the 9th has seconds too (split at midnight).
    expect(new Set(rows.map((r) => r.localDay))).toContain('2024-10-09');
  });

  test("a month's 5-minute CSV adds up to the daily CSV, and to the page's daily totals", async () => {
    const { accountId } = await createTestAccount(db);
    const app = await createTestApplication(db, accountId);
    await seedLikeDemo(accountId, app.sdkAppId, ['2024-10-07', '2024-10-08', '2024-10-31']);
    await aggregatePendingUsage(sql, accountId);
    const five = await collect(fiveMinuteRows(db, accountId, book, monthFilter('2024-10')));
    const daily = await collect(dailyRows(db, accountId, book, monthFilter('2024-10')));
    const fromFive = new Map<string, number>();
    for (const r of five) fromFive.set(`${r.date}|${r.sdk_app_id}|${r.item}`, (fromFive.get(`${r.date}|${r.sdk_app_id}|${r.item}`) ?? 0) + Number(r.seconds));
    const fromDaily = new Map(daily.map((r) => [`${r.date}|${r.sdk_app_id}|${r.item}`, Number(r.seconds)]));
    expect(fromFive).toEqual(fromDaily);
    // November's 1st (after the 31st's midnight) is not in October's files.
    expect(daily.every((r) => (r.date as string).startsWith('2024-10'))).toBe(true);
    for (const r of daily) expect(Number(r.minutes_rounded_up)).toBe(Math.ceil(Number(r.seconds) / 60));
    const view = summarizeDaily(book, await listDailyUsage(db, accountId, { from: '2024-10-01', to: '2024-10-31' }), { from: '2024-10-01', to: '2024-10-31' });
    expect(view.totalMinutes).toBe(daily.reduce((s, r) => s + Number(r.minutes_rounded_up), 0));
  });

  test("a day's 5-minute chart adds up to the day's seconds", async () => {
    const { accountId } = await createTestAccount(db);
    const app = await createTestApplication(db, accountId);
    await seedLikeDemo(accountId, app.sdkAppId, ['2024-10-07', '2024-10-08']);
    await aggregatePendingUsage(sql, accountId);
    const chart = windowChart(book, await listDayWindows(db, accountId, '2024-10-08'));
    const day = await listDailyUsage(db, accountId, { from: '2024-10-08', to: '2024-10-08' });
    for (const s of chart.series) {
      const seconds = Math.round(s.values.reduce((a, b) => a + b, 0) * 60);
      expect(seconds).toBe(day.find((d) => d.item === s.item)?.seconds);
    }
  });

  test('package usage: minutes used per settled day, and the projection from them', async () => {
    const { accountId } = await createTestAccount(db, { balance: '500' });
    await setTestClock(db, accountId, new Date('2024-10-08T10:00:00+08:00'));
    const app = await createTestApplication(db, accountId);
    const pkg = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite');
    for (const day of ['2024-10-08', '2024-10-09', '2024-10-10']) {
      const records = [{ type: 'media', app: app.sdkAppId, user: 'u', start: `${day}T12:00:00+08:00`, seconds: 600 * 60, receive: [{ stream: 's', audio: true, video: [1280, 720] }] }];
      const v = validateBatch(records.map((value) => ({ value })), { book, sdkAppId: app.sdkAppId });
      if (!v.ok) throw new Error('invalid');
      await storeUsageBatch(sql, { accountId, sdkAppId: app.sdkAppId, source: 'api', idempotencyKey: randomUUID(), bodySha256: 'x', receivedAt: new Date(), timeZone: book.timeZone, records: v.records });
      const throughId = await safeUsageWatermark(db);
      await db.transaction((tx) => settleDay(tx, { accountId, day, now: new Date(`${day}T23:59:59+08:00`), throughId, mode: 'daily' }));
    }
    const rows = await listEntitlementUsage(db, accountId, '2024-10-11', '2024-10-04');
    const row = rows.find((r) => r.id === pkg.id);
    // 600 HD minutes a day at 1:4 = 2,400 package minutes a day (after free minutes, if any were granted).
    const used = row!.usedByDay.reduce((s, u) => s + Number(u.minutes), 0);
    expect(Number(row!.minutesUsed)).toBe(used);
    expect(row!.usedByDay.every((u) => u.day < '2024-10-11')).toBe(true);
    expect(used).toBeGreaterThan(0);
    const p = projectExhaustion(row!, '2024-10-11');
    expect(p.state === 'exhausts' || p.state === 'outlasts').toBe(true);
    expect(p.averagePerDay.toNumber()).toBeCloseTo(used / 3, 6);
    const other = await createTestAccount(db);
    expect((await listEntitlementUsage(db, other.accountId, '2024-10-11', '2024-10-04')).find((r) => r.id === pkg.id)).toBeUndefined();
  });
});
