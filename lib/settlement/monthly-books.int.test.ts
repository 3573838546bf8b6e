import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { billLines, bills, daySettlements, entitlementDeductions, ledgerEntries, monthSettlements, packages } from '@/db/schema';
import { devCreateAccountSchema } from '@/lib/accounts/create-schemas';
import { createTestCustomer } from '@/lib/accounts/test-customer';
import { advanceTestClock } from '@/lib/dev-tools/advance';
import { dec, ZERO } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { safeUsageWatermark } from './raw';
import { settleMonth } from './monthly';
import { insertUsage } from './test-support';

/** Monthly settlement of a book that rounds per month (rtv-cny; rating.md section 3; issue 12). */
const { db } = testDb();

const played = (app: number, start: string, seconds: number, user = 'A') => ({ type: 'media', app, user, room: 'r1', start, seconds, receive: [{ stream: user === 'A' ? 'B' : 'A', audio: true }] });

async function rtvCustomer() {
  return createTestCustomer(db, devCreateAccountSchema.parse({ priceBookId: 'rtv-cny', registeredAt: '2024-10-01T00:00:00+08:00', balance: '100', testClock: true }));
}

describe('monthly settlement of rtv-cny', () => {
  test('seconds add up over the month per app and round once; the bill comes on the 1st, not daily', async () => {
    const c = await rtvCustomer();
    const app = c.application.sdkAppId;
    // 30 s on three days: per-day rounding would give 3 minutes, per-month 2 (90 s → ceil).
    await insertUsage(db, c.accountId, [played(app, '2024-10-03T10:00:00+08:00', 30), played(app, '2024-10-15T10:00:00+08:00', 30), played(app, '2024-10-31T23:59:30+08:00', 60)]);
    await advanceTestClock(db, c.accountId, { to: new Date('2024-10-31T23:00:00+08:00') });
    expect(await db.select().from(bills).where(eq(bills.accountId, c.accountId))).toHaveLength(0);
    expect(await db.select().from(daySettlements).where(eq(daySettlements.accountId, c.accountId))).toHaveLength(0);

    const r = await advanceTestClock(db, c.accountId, { to: new Date('2024-11-01T00:00:00+08:00') });
    expect(r.ran.map((j) => j.kind)).toEqual(['monthly']);
    const [bill] = await db.select().from(bills).where(eq(bills.accountId, c.accountId));
    // The last record's 30 s after midnight belong to November: October has 30 + 30 + 30 = 90 s → 2 min.
    expect(bill).toMatchObject({ kind: 'monthly', periodStart: '2024-10-01', periodEnd: '2024-10-31', adjustmentSeq: 0, currency: 'CNY', priceBookId: 'rtv-cny' });
    const lines = await db.select().from(billLines).where(eq(billLines.billId, bill!.id));
    expect(lines.map((l) => [l.item, l.quantity.toFixed(), l.amount.toFixed()])).toEqual([['audio', '2', '0.014']]);
    const steps = (lines[0]!.explanation as { steps: string[] }).steps.join(' ');
    expect(steps).toContain('90 s in 2024-10');
    expect(steps).toContain('→ ceil → 2 min');
    expect(bill!.total.toFixed(2)).toBe('0.01');
    const charges = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, c.accountId), eq(ledgerEntries.kind, 'monthly_charge')));
    expect(charges.map((e) => [e.amount.toFixed(), e.idempotencyKey])).toEqual([['-0.01', 'monthly:2024-10']]);
  });

  test('settling a month twice changes nothing; late usage goes on a monthly adjustment bill', async () => {
    const c = await rtvCustomer();
    const app = c.application.sdkAppId;
    await insertUsage(db, c.accountId, [played(app, '2024-10-08T10:00:00+08:00', 1200, 'A'), played(app, '2024-10-08T10:00:00+08:00', 1200, 'B')]);
    await advanceTestClock(db, c.accountId, { to: new Date('2024-11-01T00:00:10+08:00') });
    const again = await db.transaction(async (tx) => settleMonth(tx, { accountId: c.accountId, month: '2024-10', now: new Date('2024-11-01T00:01:00+08:00'), throughId: await safeUsageWatermark(db), mode: 'monthly' }));
    expect(again).toMatchObject({ outcome: 'skipped' });
    expect(await db.select().from(monthSettlements).where(eq(monthSettlements.accountId, c.accountId))).toHaveLength(1);

    // 20 more minutes of October arrive on November 2: 40 → 60 min, 0.28 → 0.42 CNY.
    await advanceTestClock(db, c.accountId, { to: new Date('2024-11-02T09:00:00+08:00') });
    await insertUsage(db, c.accountId, [played(app, '2024-10-20T10:00:00+08:00', 1200, 'A')]);
    const r = await advanceTestClock(db, c.accountId, { by: 60_000 });
    expect(r.ran.map((j) => j.kind)).toEqual(['monthly-adjust']);
    const all = await db.select().from(bills).where(eq(bills.accountId, c.accountId)).orderBy(asc(bills.number));
    expect(all.map((b) => [b.kind, b.adjustmentSeq, b.total.toFixed(2)])).toEqual([['monthly', 0, '0.28'], ['monthly', 1, '0.14']]);
    const adj = await db.select().from(billLines).where(eq(billLines.billId, all[1]!.id));
    expect(adj.map((l) => [l.item, l.quantity.toFixed(), l.amount.toFixed()])).toEqual([['audio', '20', '0.14']]);
    expect((adj[0]!.explanation as { steps: string[] }).steps[1]).toContain("the month's earlier bills charged 40");
    // The first bill never changed.
    const first = await db.select().from(billLines).where(eq(billLines.billId, all[0]!.id));
    expect(first.map((l) => l.quantity.toFixed())).toEqual(['40']);
    // Once more: nothing new to adjust.
    const r2 = await advanceTestClock(db, c.accountId, { by: 60_000 });
    expect(r2.ran).toEqual([]);
    const keys = (await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, c.accountId), eq(ledgerEntries.kind, 'monthly_charge')))).map((e) => e.idempotencyKey);
    expect(keys.sort()).toEqual(['monthly:2024-10', 'monthly:2024-10:adjustment:1']);
  });

  test('a universal package covers the month’s rounded minutes at 1:1 (rating.md section 4)', async () => {
    const c = await rtvCustomer();
    const app = c.application.sdkAppId;
    const [pkg] = await db
      .insert(packages)
      .values({
        accountId: c.accountId, applicationId: c.application.id, sdkAppId: app, kind: 'package', product: 'universal', edition: 'custom', catalogCode: 'universal.custom',
        minutes: dec(30), price: ZERO, currency: 'CNY', status: 'active', validFrom: '2024-10-01', validTo: '2025-10-31', source: 'grant',
        purchasedAt: new Date('2024-10-01T00:00:00+08:00'), idempotencyKey: 'test:p30',
      })
      .returning();
    await insertUsage(db, c.accountId, [played(app, '2024-10-08T10:00:00+08:00', 1200, 'A'), played(app, '2024-10-08T10:00:00+08:00', 1200, 'B')]);
    await advanceTestClock(db, c.accountId, { to: new Date('2024-11-01T00:00:10+08:00') });
    const [bill] = await db.select().from(bills).where(eq(bills.accountId, c.accountId));
    const [line] = await db.select().from(billLines).where(eq(billLines.billId, bill!.id));
    expect([line!.quantity.toFixed(), line!.amount.toFixed(), bill!.total.toFixed(2)]).toEqual(['10', '0.07', '0.07']);
    const ded = await db.select().from(entitlementDeductions).where(eq(entitlementDeductions.billId, bill!.id));
    expect(ded.map((d) => [d.localDay, d.usageMinutes.toFixed(), d.entitlementMinutes.toFixed()])).toEqual([['2024-10-01', '30', '30']]);
    const [after] = await db.select().from(packages).where(eq(packages.id, pkg!.id));
    expect(after!.minutesUsed.toFixed()).toBe('30');
  });
});
