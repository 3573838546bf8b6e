import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { billLines, bills, entitlementDeductions, ledgerEntries, monthSettlements, packages } from '@/db/schema';
import { dec, ZERO } from '@/lib/money/decimal';
import { classifyRecord, getPriceBook, type UsageRecord } from '@/lib/rating';
import { compactDay } from '@/lib/usage/compact';
import { storeUsageBatch } from '@/lib/usage/store';
import { daysOf } from '@/lib/usage/stats';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { settleMonth } from './monthly';
import { safeUsageWatermark } from './raw';
import { insertUsage } from './test-support';

/**
 * Issue 11: a month of rtv-cny (rounding per SDKAppID per month, rating.md section 3) settles
 * to identical bills from the aggregates kept at ingest and from the raw records: records
 * crossing midnight inside the month (counted once) and crossing into and out of the month
 * (clipped), several batches, a package to deduct, records stored without aggregates, a
 * late batch after the bill. One account is settled from each source, a third from
 * compacted aggregates; bills, lines with their explanations (record counts; sample ids
 * between the two aggregate paths), deductions, ledger and the month's settlement row must match.
 */
const { db, sql } = testDb();
const BOOK = getPriceBook('rtv-cny');
const APPS = 6;

function records(apps: number[], n: number, seed: number): UsageRecord[] {
  let s = seed;
  const rand = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * k);
  };
  // 2024-09-30 00:00 .. 2024-11-01 24:00 Asia/Shanghai; a tenth of the records run 6 to 30 hours.
  const from = Date.parse('2024-09-29T16:00:00Z') / 1000;
  return Array.from({ length: n }, () => {
    const t = from + rand(33 * 86400);
    const seconds = rand(10) === 0 ? 6 * 3600 + rand(24 * 3600) : 1 + rand(3600);
    const start = new Date((t + 8 * 3600) * 1000).toISOString().replace('.000Z', '+08:00');
    return { type: 'media', app: apps[rand(apps.length)] as number, user: `u${rand(100)}`, start, seconds, receive: Array.from({ length: rand(3) }, (_, k) => ({ stream: `s${k}`, audio: true })) } as UsageRecord;
  });
}

async function account() {
  const { accountId } = await createTestAccount(db, { currency: 'CNY', balance: '100000', registeredAt: new Date('2024-09-01T00:00:00+08:00') });
  await sql`update accounts set price_book_id = 'rtv-cny' where id = ${accountId}`;
  const apps = [];
  for (let i = 0; i < APPS; i++) apps.push(await createTestApplication(db, accountId, { name: `App ${i}`, createdAt: new Date('2024-09-01T00:00:00+08:00') }));
  await db.insert(packages).values({
    accountId, applicationId: apps[0]!.id, sdkAppId: apps[0]!.sdkAppId, kind: 'package', product: 'universal', edition: 'custom', catalogCode: 'universal.custom',
    minutes: dec(5000), price: ZERO, currency: 'CNY', status: 'active', validFrom: '2024-10-01', validTo: '2025-10-31', source: 'grant',
    purchasedAt: new Date('2024-10-01T00:00:00+08:00'), idempotencyKey: `test:${randomUUID()}`,
  });
  return { accountId, apps };
}

async function store(accountId: string, recs: UsageRecord[], size = 1000) {
  for (let i = 0; i < recs.length; i += size) {
    await storeUsageBatch(sql, {
      accountId, sdkAppId: null, source: 'import', idempotencyKey: randomUUID(), bodySha256: 'x', receivedAt: new Date(), timeZone: BOOK.timeZone, book: BOOK,
      records: recs.slice(i, i + size).map((record) => ({ record, pieces: classifyRecord(BOOK, record) })),
    });
  }
}

async function settle(accountId: string, mode: 'monthly' | 'adjust', source: 'aggregates' | 'records') {
  const throughId = await safeUsageWatermark(db);
  const r = await db.transaction((tx) => settleMonth(tx, { accountId, month: '2024-10', now: new Date(`2024-11-0${mode === 'monthly' ? 1 : 2}T00:00:00+08:00`), throughId, mode, source }));
  return r.outcome === 'billed' ? { ...r, billId: undefined } : r;
}

/** Bills, lines (explanations with SDKAppIDs, record ids and entitlement ids renamed), deductions, ledger, month row. */
async function snapshot(accountId: string, apps: { sdkAppId: number }[], samples: 'ids' | 'count' = 'ids') {
  const appIndex = new Map(apps.map((a, i) => [a.sdkAppId, i]));
  // Record ids differ between the accounts (other tests' records interleave): an id becomes its rank among the account's records.
  const ids = await sql<{ id: string }[]>`select id::text from usage_records where account_id = ${accountId} order by usage_records.id`;
  const rank = new Map(ids.map((r, i) => [Number(r.id), i]));
  const b = await db.select().from(bills).where(eq(bills.accountId, accountId)).orderBy(asc(bills.number));
  const out = [];
  for (const bill of b) {
    const lines = await db.select().from(billLines).where(eq(billLines.billId, bill.id)).orderBy(asc(billLines.sdkAppId), asc(billLines.item));
    const ded = await db.select().from(entitlementDeductions).where(eq(entitlementDeductions.billId, bill.id)).orderBy(asc(entitlementDeductions.sdkAppId), asc(entitlementDeductions.item));
    out.push({
      kind: bill.kind, seq: bill.adjustmentSeq, amount: bill.amount.toFixed(), total: bill.total.toFixed(),
      lines: lines.map((l) => {
        const e = l.explanation as { detail?: { sampleRecords?: number[] } } & Record<string, unknown>;
        // The raw path keeps the first records its scan meets (plan order), the aggregates the lowest ids: compared by count across the two.
        const sampleRecords = samples === 'count' ? e.detail?.sampleRecords?.length : e.detail?.sampleRecords?.map((id) => rank.get(id) ?? `missing ${id}`);
        const detail = e.detail ? { ...e.detail, sampleRecords } : undefined;
        let text = JSON.stringify({ ...e, detail, steps: undefined }).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ENTITLEMENT');
        for (const [id, i] of appIndex) text = text.replaceAll(String(id), `APP${i}`);
        return [l.sdkAppId === null ? null : appIndex.get(l.sdkAppId), l.item, l.quantity.toFixed(), l.amount.toFixed(), text];
      }),
      deductions: ded.map((d) => [d.entitlementKind, d.sdkAppId === null ? null : appIndex.get(d.sdkAppId), d.item, d.localDay, d.usageMinutes.toFixed(), d.entitlementMinutes.toFixed()]),
    });
  }
  const ledger = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(asc(ledgerEntries.id));
  const [month] = await db.select().from(monthSettlements).where(and(eq(monthSettlements.accountId, accountId), eq(monthSettlements.month, '2024-10-01')));
  return { bills: out, ledger: ledger.map((e) => [e.kind, e.amount.toFixed(), e.balanceAfter.toFixed(), e.idempotencyKey.startsWith('monthly') ? e.idempotencyKey : '']), month: { records: month?.recordCount, bills: month?.billCount } };
}

test('a month of rtv-cny settles to identical bills from the aggregates and from the raw records, late batch included', { timeout: 300_000 }, async () => {
  const a = await account();
  const b = await account();
  const c = await account();
  for (const x of [a, b, c]) {
    const apps = x.apps.map((p) => p.sdkAppId);
    await store(x.accountId, records(apps, 8_000, 7));
    // Records stored without a batch or aggregates (old demo data, tests): summed when settlement meets them.
    await insertUsage(db, x.accountId, records(apps, 200, 11) as unknown as Record<string, unknown>[]);
  }
  for (const day of daysOf('2024-09-30', '2024-11-01')) await compactDay(sql, c.accountId, day);

  const ra = await settle(a.accountId, 'monthly', 'records');
  expect(ra).toMatchObject({ outcome: 'billed', kind: 'monthly' });
  expect(await settle(b.accountId, 'monthly', 'aggregates')).toEqual(ra);
  expect(await settle(c.accountId, 'monthly', 'aggregates')).toEqual(ra);

  // Late October usage after the bill (some of it crossing midnight and into November).
  for (const x of [a, b, c]) await store(x.accountId, records(x.apps.map((p) => p.sdkAppId), 1_500, 13), 500);
  for (const day of daysOf('2024-09-30', '2024-11-01')) await compactDay(sql, c.accountId, day);
  const aa = await settle(a.accountId, 'adjust', 'records');
  expect(aa).toMatchObject({ outcome: 'billed', kind: 'adjustment' });
  expect(await settle(b.accountId, 'adjust', 'aggregates')).toEqual(aa);
  expect(await settle(c.accountId, 'adjust', 'aggregates')).toEqual(aa);

  const sa = await snapshot(a.accountId, a.apps, 'count');
  expect(sa.bills).toHaveLength(2);
  expect(sa.bills[0]!.deductions.length).toBeGreaterThan(0);
  expect(sa.bills[0]!.lines.length).toBe(APPS);
  expect(await snapshot(b.accountId, b.apps, 'count')).toEqual(sa);
  // From aggregates, partial or compacted: the same lowest sample ids too.
  const sb = await snapshot(b.accountId, b.apps);
  expect(await snapshot(c.accountId, c.apps)).toEqual(sb);
});
