import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { billLines, bills, daySettlements, entitlementDeductions, freeMinuteGrants, ledgerEntries } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { classifyRecord, getPriceBook, type UsageRecord } from '@/lib/rating';
import { compactDay } from '@/lib/usage/compact';
import { storeUsageBatch } from '@/lib/usage/store';
import { makeUsageLines } from '@/scripts/bench-common';
import { buyTestPackage, createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { safeUsageWatermark } from './raw';
import { settleDay } from './settle-day';

/**
 * Issue 11: before the raw-record path was retired as the settlement's source, a
 * 100,000-record day (make-usage.mjs's records over 20 applications, free minutes and a
 * package to deduct, a late batch after the daily bill) settles to identical bills both
 * ways: from the aggregates kept at ingest and from the raw records streamed through the
 * rater. Two accounts get the same records through the usage store; one is settled from
 * each source. Bills, lines with their explanations, deductions, ledger entries and the
 * day's settlement row must match (ids aside). A third account's day is compacted
 * (lib/usage/compact.ts) before each settlement and must settle the same.
 */
const { db, sql } = testDb();
const BOOK = getPriceBook('trtc-2024-usd');
const DAY = '2024-10-01';
const APPS = 20;
const RECORDS = 100_000;

async function account() {
  const { accountId } = await createTestAccount(db, { balance: '100000', registeredAt: new Date('2024-09-15T00:00:00+08:00') });
  const apps = [];
  for (let i = 0; i < APPS; i++) apps.push(await createTestApplication(db, accountId, { name: `App ${i}` }));
  await db.insert(freeMinuteGrants).values({ accountId, minutes: new Decimal(10000), validFrom: '2024-09-15', validTo: '2024-10-14', grantedAt: new Date('2024-09-15T00:00:00+08:00') });
  return { accountId, apps };
}

async function store(accountId: string, records: UsageRecord[]) {
  for (let i = 0; i < records.length; i += 10_000) {
    const chunk = records.slice(i, i + 10_000);
    await storeUsageBatch(sql, {
      accountId, sdkAppId: null, source: 'import', idempotencyKey: randomUUID(), bodySha256: 'x', receivedAt: new Date(), timeZone: BOOK.timeZone, book: BOOK,
      records: chunk.map((record) => ({ record, pieces: classifyRecord(BOOK, record) })),
    });
  }
}

async function settle(accountId: string, mode: 'daily' | 'adjust', source: 'aggregates' | 'records') {
  const throughId = await safeUsageWatermark(db);
  return db.transaction((tx) => settleDay(tx, { accountId, day: DAY, now: new Date(`2024-10-0${mode === 'daily' ? 2 : 3}T00:00:00+08:00`), throughId, mode, source }));
}

/** A settlement's result without what differs between two accounts by construction (ids). */
const same = (r: Awaited<ReturnType<typeof settle>>) => (r.outcome === 'billed' ? { ...r, billId: undefined, freeExhaustedApps: r.freeExhaustedApps.length } : r);

async function snapshot(accountId: string, appIndex: Map<number, number>) {
  const app = (id: number | null) => (id === null ? null : appIndex.get(id));
  const b = await db.select().from(bills).where(eq(bills.accountId, accountId)).orderBy(asc(bills.number));
  const out = [];
  for (const bill of b) {
    const lines = await db.select().from(billLines).where(eq(billLines.billId, bill.id)).orderBy(asc(billLines.sdkAppId), asc(billLines.item));
    const ded = await db.select().from(entitlementDeductions).where(eq(entitlementDeductions.billId, bill.id)).orderBy(asc(entitlementDeductions.sdkAppId), asc(entitlementDeductions.item), asc(entitlementDeductions.entitlementKind));
    out.push({
      number: bill.number, kind: bill.kind, seq: bill.adjustmentSeq, amount: bill.amount.toFixed(), total: bill.total.toFixed(),
      lines: lines.map((l) => {
        // Sample record ids differ between the accounts by a fixed offset: compare their count.
        const e = l.explanation as { detail?: { sampleRecords?: number[]; app?: number } & Record<string, unknown>; steps?: string[] } & Record<string, unknown>;
        const detail = e.detail ? { ...e.detail, app: app(e.detail.app ?? null), sampleRecords: e.detail.sampleRecords?.length } : undefined;
        const steps = e.steps?.map((s) => s.replace(/\(#[\d, #…]+\)/g, '(#…)'));
        // Entitlement ids and SDKAppIDs differ between the accounts: named by kind and index.
        let text = JSON.stringify({ ...e, detail, steps }).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ENTITLEMENT');
        for (const [id, i] of appIndex) text = text.replaceAll(String(id), `APP${i}`);
        return [app(l.sdkAppId), l.item, l.quantity.toFixed(), l.amount.toFixed(), l.unitPrice.toFixed(), JSON.parse(text)];
      }),
      deductions: ded.map((d) => [d.entitlementKind, app(d.sdkAppId), d.item, d.localDay, d.usageMinutes.toFixed(), d.entitlementMinutes.toFixed()]),
    });
  }
  const ledger = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(asc(ledgerEntries.id));
  const [day] = await db.select().from(daySettlements).where(and(eq(daySettlements.accountId, accountId), eq(daySettlements.localDay, DAY)));
  return { bills: out, ledger: ledger.map((e) => [e.kind, e.amount.toFixed(), e.balanceAfter.toFixed()]), day: { records: day?.recordCount, bills: day?.billCount } };
}

test('a 100,000-record day settles to identical bills from the aggregates and from the raw records, late batch included', { timeout: 600_000 }, async () => {
  const a = await account();
  const b = await account();
  // A third account settled from compacted aggregates (lib/usage/compact.ts).
  const c = await account();
  // A package for the first application of each account (deducted after the free minutes, rating.md section 4).
  for (const x of [a, b, c]) await buyTestPackage(db, x.accountId, x.apps[0]!.id);
  const recordsFor = (apps: { sdkAppId: number }[], n: number, seedSkip = 0) =>
    [...makeUsageLines({ n: n + seedSkip, apps: APPS, days: 1, appId: (i) => apps[i]!.sdkAppId })].slice(seedSkip).map(({ line }) => JSON.parse(line) as UsageRecord);

  await store(a.accountId, recordsFor(a.apps, RECORDS));
  await store(b.accountId, recordsFor(b.apps, RECORDS));
  await store(c.accountId, recordsFor(c.apps, RECORDS));
  const compacted = await compactDay(sql, c.accountId, DAY);
  expect(compacted.rowsAfter).toBeLessThan(compacted.rowsBefore / 5);
  const [left] = await sql<{ n: number }[]>`select count(*)::int as n from usage_aggregates where account_id = ${c.accountId} and local_day = ${DAY}`;
  expect(left!.n).toBe(compacted.rowsAfter);
  const ra = await settle(a.accountId, 'daily', 'records');
  expect(same(await settle(c.accountId, 'daily', 'aggregates'))).toEqual(same(ra));
  const rb = await settle(b.accountId, 'daily', 'aggregates');
  expect(ra.outcome).toBe('billed');
  expect(rb).toMatchObject({ outcome: 'billed', records: RECORDS });
  expect(same(rb)).toEqual(same(ra));

  // A late batch (records the day's bill did not see, some of them crossing into the next day).
  const late = (apps: { sdkAppId: number }[]) => recordsFor(apps, 3_000, RECORDS);
  await store(a.accountId, late(a.apps));
  await store(b.accountId, late(b.apps));
  await store(c.accountId, late(c.apps));
  // Compaction keeps the late rows apart from the billed ones (the adjustment still names the late records).
  await compactDay(sql, c.accountId, DAY);
  const aa = await settle(a.accountId, 'adjust', 'records');
  expect(same(await settle(c.accountId, 'adjust', 'aggregates'))).toEqual(same(aa));
  const ab = await settle(b.accountId, 'adjust', 'aggregates');
  expect(ab).toMatchObject({ outcome: 'billed', kind: 'adjustment', records: RECORDS + 3_000 });
  expect(same(ab)).toEqual(same(aa));

  const index = (apps: { sdkAppId: number }[]) => new Map(apps.map((x, i) => [x.sdkAppId, i]));
  const sa = await snapshot(a.accountId, index(a.apps));
  const sb = await snapshot(b.accountId, index(b.apps));
  expect(sb.bills).toHaveLength(2);
  expect(sb.bills[0]!.deductions.length).toBeGreaterThan(0);
  expect(sb).toEqual(sa);
  expect(await snapshot(c.accountId, index(c.apps))).toEqual(sa);
  // The adjustment's explanation names the late records, not every record of the day.
  const adjustmentSteps = sb.bills[1]!.lines.flatMap((l) => (l[5] as { steps: string[] }).steps);
  expect(adjustmentSteps.some((s) => /Re-rated with [\d,]+ late records? \(of the [\d,]+ above\)/.test(s))).toBe(true);
});

test('a day whose entitlements run out after the first pass’s windows settles the same from the aggregates as from the raw records', { timeout: 300_000 }, async () => {
  // 600 records over 3 applications across the day: the 10,000 free minutes run out after the
  // first FIRST_WINDOWS windows, so the later windows are added to the first pass's sums.
  const n = 600;
  const a = await account();
  const b = await account();
  const recordsFor = (apps: { sdkAppId: number }[]) =>
    [...makeUsageLines({ n, apps: 3, days: 1, appId: (i) => apps[i]!.sdkAppId })].map(({ line }) => JSON.parse(line) as UsageRecord);
  await store(a.accountId, recordsFor(a.apps));
  await store(b.accountId, recordsFor(b.apps));

  // The day's first FIRST_WINDOWS windows alone do not use the free minutes up (so the second pass runs) ...
  const { createRater } = await import('@/lib/rating');
  const { FIRST_WINDOWS } = await import('./settle-day');
  const end = Date.parse(`${DAY}T00:00:00+08:00`) / 1000 + FIRST_WINDOWS * 300;
  const early = createRater({ book: BOOK, account: { registeredAt: '2024-09-15T00:00:00+08:00' }, entitlements: [{ id: 'free', kind: 'free', minutes: '10000', validFrom: '2024-09-15', validTo: '2024-10-14' }], explain: false });
  for (const r of recordsFor(a.apps) as (UsageRecord & { seconds: number })[]) {
    const start = Date.parse(r.start) / 1000;
    if (start < end) early.add({ ...r, seconds: Math.min(r.seconds, end - start) } as UsageRecord);
  }
  early.finish();
  expect(early.deductionsExhausted).toBe(false);

  const ra = await settle(a.accountId, 'daily', 'records');
  const rb = await settle(b.accountId, 'daily', 'aggregates');
  expect(rb).toMatchObject({ outcome: 'billed', records: n });
  expect(same(rb)).toEqual(same(ra));
  const index = (apps: { sdkAppId: number }[]) => new Map(apps.map((x, i) => [x.sdkAppId, i]));
  const sa = await snapshot(a.accountId, index(a.apps));
  const sb = await snapshot(b.accountId, index(b.apps));
  expect(sb).toEqual(sa);
  // ... and the whole day does: every free minute is deducted.
  const [grant] = await db.select().from(freeMinuteGrants).where(eq(freeMinuteGrants.accountId, b.accountId));
  expect(grant!.minutesUsed.toFixed()).toBe('10000');
});
