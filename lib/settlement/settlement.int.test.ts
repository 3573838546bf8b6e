import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { applications, billLines, bills, daySettlements, entitlementDeductions, freeMinuteGrants, ledgerEntries, packages } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { safeUsageWatermark } from './raw';
import { settleDay } from './settle-day';
import { settleMonth } from './monthly';
import { financialSnapshot, insertUsage, mediaRecord } from './test-support';

const AT = new Date('2024-10-09T00:00:00+08:00');

async function setup(balance = '100') {
  const { db } = testDb();
  const { accountId } = await createTestAccount(db, { balance, registeredAt: new Date('2024-10-01T00:00:00+08:00') });
  const app = await createTestApplication(db, accountId);
  return { db, accountId, app };
}

async function settle(accountId: string, day: string, mode: 'daily' | 'adjust' = 'daily', now = AT) {
  const { db } = testDb();
  const throughId = await safeUsageWatermark(db);
  return db.transaction((tx) => settleDay(tx, { accountId, day, now, throughId, mode }));
}

describe('daily settlement (lifecycle.md, Settlement and bills)', () => {
  test('settling a day twice gives one bill and one ledger entry', async () => {
    const { db, accountId, app } = await setup();
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-08T10:00:00+08:00', seconds: 3600, video: [1280, 720] })]);
    const first = await settle(accountId, '2024-10-08');
    expect(first).toMatchObject({ outcome: 'billed', kind: 'daily', total: '0.24' }); // 60 min HD x 3.99 / 1000 = 0.2394
    const second = await settle(accountId, '2024-10-08');
    expect(second).toMatchObject({ outcome: 'skipped' });
    const b = await db.select().from(bills).where(eq(bills.accountId, accountId));
    expect(b).toHaveLength(1);
    const charges = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'daily_charge')));
    expect(charges.map((c) => c.amount.toFixed())).toEqual(['-0.24']);
    // The database is the guarantee: a second daily bill for the day is refused outright.
    await expect(
      db.insert(bills).values({ ...b[0]!, id: undefined, number: 'X-1' } as never),
    ).rejects.toThrow();
    const lines = await db.select().from(billLines).where(eq(billLines.billId, b[0]!.id));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ item: 'hd', sdkAppId: app.sdkAppId });
    expect((lines[0]!.explanation as { steps: string[] }).steps[0]).toContain('60 min');
  });

  test('records with backslashes and tabs in their text stream through COPY intact', async () => {
    const { db, accountId, app } = await setup();
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-08T10:00:00+08:00', seconds: 120, user: 'we\\ird\tname\n' })]);
    expect(await settle(accountId, '2024-10-08')).toMatchObject({ outcome: 'billed', records: 1 });
  });

  test('a day without usage has no bill but counts as settled', async () => {
    const { accountId } = await setup();
    expect(await settle(accountId, '2024-10-08')).toMatchObject({ outcome: 'no-usage' });
    const { db } = testDb();
    expect(await db.select().from(daySettlements).where(eq(daySettlements.accountId, accountId))).toHaveLength(1);
  });

  test('records crossing midnight are split between the two days', async () => {
    const { db, accountId, app } = await setup();
    // 23:30 to 00:30: 30 minutes on each day.
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-07T23:30:00+08:00', seconds: 3600 })]);
    const d7 = await settle(accountId, '2024-10-07');
    const d8 = await settle(accountId, '2024-10-08');
    expect(d7).toMatchObject({ outcome: 'billed', records: 1 });
    expect(d8).toMatchObject({ outcome: 'billed', records: 1 });
    const lines = await db.select({ q: billLines.quantity, e: billLines.explanation }).from(billLines).where(eq(billLines.accountId, accountId));
    expect(lines.map((l) => l.q.toFixed())).toEqual(['30', '30']);
  });

  test('free minutes first, then the package; each deduction is recorded (rating.md section 4)', async () => {
    const { db, accountId, app } = await setup();
    const [grant] = await db
      .insert(freeMinuteGrants)
      .values({ accountId, minutes: new Decimal(100), validFrom: '2024-10-01', validTo: '2024-10-31', grantedAt: new Date('2024-10-01T00:00:00+08:00') })
      .returning();
    const [pkg] = await db
      .insert(packages)
      .values({
        accountId,
        applicationId: app.id,
        sdkAppId: app.sdkAppId,
        product: 'rtc-engine',
        edition: 'lite',
        catalogCode: 'rtc-engine.lite',
        minutes: new Decimal(200),
        price: new Decimal('49.5'),
        currency: 'USD',
        status: 'active',
        validFrom: '2024-10-01',
        validTo: '2024-10-31',
        purchasedAt: new Date('2024-10-01T00:00:00+08:00'),
        idempotencyKey: 'test-pkg',
      })
      .returning();
    // 100 minutes of HD: free covers 25 (100 / 4), the package 50 (200 / 4), 25 paid.
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-08T10:00:00+08:00', seconds: 6000, video: [1280, 720] })]);
    const r = await settle(accountId, '2024-10-08');
    expect(r).toMatchObject({ outcome: 'billed', total: '0.10' }); // 25 x 3.99 / 1000 = 0.09975
    const ded = await db.select().from(entitlementDeductions).where(eq(entitlementDeductions.accountId, accountId));
    const byKind = Object.fromEntries(ded.map((d) => [d.entitlementKind, [d.usageMinutes.toFixed(), d.entitlementMinutes.toFixed()]]));
    expect(byKind).toEqual({ free: ['25', '100'], package: ['50', '200'] });
    const [g] = await db.select().from(freeMinuteGrants).where(eq(freeMinuteGrants.id, grant!.id));
    const [p] = await db.select().from(packages).where(eq(packages.id, pkg!.id));
    expect([g!.minutesUsed.toFixed(), p!.minutesUsed.toFixed()]).toEqual(['100', '200']);
    // Free minutes used up, but the app has an active package: it is not suspended.
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a!.freeExhaustedAt).toBeNull();
  });

  test('late usage for a settled day produces an adjustment bill for the difference', async () => {
    const { db, accountId, app } = await setup();
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-08T10:00:00+08:00', seconds: 30 * 60, video: [1920, 1080] })]);
    const first = await settle(accountId, '2024-10-08');
    expect(first).toMatchObject({ outcome: 'billed', total: '0.27' }); // 30 x 8.99 / 1000 = 0.2697
    expect(await settle(accountId, '2024-10-08', 'adjust')).toMatchObject({ outcome: 'skipped' });
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-08T11:00:00+08:00', seconds: 30 * 60, video: [1920, 1080] })]);
    const adj = await settle(accountId, '2024-10-08', 'adjust', new Date('2024-10-10T09:00:00+08:00'));
    // Re-rated: 60 min FHD = 0.5394 → 0.54 in all; the daily bill charged 0.27.
    expect(adj).toMatchObject({ outcome: 'billed', kind: 'adjustment', total: '0.27' });
    const b = await db.select().from(bills).where(eq(bills.accountId, accountId));
    expect(b.map((x) => [x.kind, x.adjustmentSeq, x.total.toFixed(2)]).sort()).toEqual([
      ['adjustment', 1, '0.27'],
      ['daily', 0, '0.27'],
    ]);
    const snap = await financialSnapshot(db, accountId);
    expect(snap.bills.find((x) => x.kind === 'adjustment')!.lines).toEqual([['app', 'fhd', '30', '0.2697']]);
    // The issued daily bill did not change.
    expect(snap.bills.find((x) => x.kind === 'daily')!.lines).toEqual([['app', 'fhd', '30', '0.2697']]);
    // Nothing new: a second adjustment does nothing.
    expect(await settle(accountId, '2024-10-08', 'adjust')).toMatchObject({ outcome: 'skipped' });
  });

  test('Free edition used up: the application is suspended, not the account', async () => {
    const { db, accountId, app } = await setup();
    await db.insert(freeMinuteGrants).values({ accountId, minutes: new Decimal(10), validFrom: '2024-10-01', validTo: '2024-10-31', grantedAt: new Date('2024-10-01T00:00:00+08:00') });
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-08T10:00:00+08:00', seconds: 1200 })]);
    const r = await settle(accountId, '2024-10-08');
    expect(r).toMatchObject({ outcome: 'billed', freeExhaustedApps: [app.sdkAppId] });
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a!.freeExhaustedAt?.toISOString()).toBe(AT.toISOString());
  });

  test('monthly items on the 1st for the month before', async () => {
    const { db, accountId, app } = await setup();
    await insertUsage(db, accountId, [
      { type: 'screenshot', app: app.sdkAppId, start: '2024-10-03T10:00:00+08:00', count: 15_500 },
      { type: 'relay', app: app.sdkAppId, start: '2024-10-05T10:00:00+08:00', target: 'third-party', kbps: 2048 },
    ]);
    const res = await db.transaction((tx) => settleMonth(tx, { accountId, month: '2024-10', now: new Date('2024-11-01T00:00:00+08:00') }));
    expect(res).toMatchObject({ outcome: 'billed' });
    const again = await db.transaction((tx) => settleMonth(tx, { accountId, month: '2024-10', now: new Date('2024-11-01T00:00:00+08:00') }));
    expect(again).toMatchObject({ outcome: 'skipped' });
    const snap = await financialSnapshot(db, accountId);
    expect(snap.bills).toHaveLength(1);
    expect(snap.bills[0]!.lines.map((l) => l[1]).sort()).toEqual(['relay.third-party', 'screenshot']);
  });
});
