import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { accounts, applications, bills, jobs, ledgerEntries, notifications, packages, testClocks, usageRecords } from '@/db/schema';
import { createTestAccount, createTestApplication, buyTestPackage } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { attachTestClock } from '@/lib/clock/test-clock';
import { accountNow } from '@/lib/clock';
import { assertAccountAcceptsUsage } from '@/lib/enforcement/service';
import { postLedgerEntry } from '@/lib/ledger/service';
import { Decimal } from '@/lib/money/decimal';
import { financialSnapshot, insertUsage, mediaRecord } from '@/lib/settlement/test-support';
import { advanceTestClock } from './advance';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REG = new Date('2024-10-01T00:00:00+08:00');

async function status(accountId: string) {
  const [a] = await testDb().db.select().from(accounts).where(eq(accounts.id, accountId));
  return a!;
}

describe('advance-and-drain (lifecycle.md, Time)', () => {
  test('overdue → 24 h later suspended → top-up lifts → lapse → more than 60 days → reclaimed; other accounts untouched', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { balance: '1', registeredAt: REG });
    const app = await createTestApplication(db, accountId, { createdAt: REG });
    const other = await createTestAccount(db, { balance: '1', registeredAt: REG });
    const otherApp = await createTestApplication(db, other.accountId, { createdAt: REG });
    await insertUsage(db, other.accountId, [mediaRecord({ app: otherApp.sdkAppId, start: '2024-10-01T10:00:00+08:00', seconds: 6 * 3600, video: [3840, 2160] })]);
    const otherBefore = await financialSnapshot(db, other.accountId);

    // On a paid edition (as if its package were used up): usage past the free minutes is
    // pay-as-you-go instead of stopping a Free-edition application (tested in settlement).
    await db.update(applications).set({ edition: 'lite' }).where(eq(applications.id, app.id));
    await attachTestClock(db, accountId, REG);
    // 6 hours of 4K: the free minutes cover 10,000 / 36 = 277.78 min, 82.22 min are paid (35.99 / 1000 min).
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-01T10:00:00+08:00', seconds: 6 * 3600, video: [3840, 2160] })]);

    const r1 = await advanceTestClock(db, accountId, { by: DAY });
    expect(r1.ran.map((r) => r.kind)).toEqual(['free-minutes', 'settle']);
    expect(r1.clock).toBe('2024-10-01T16:00:00.000Z');
    let a = await status(accountId);
    expect(a.status).toBe('overdue');
    expect(a.balance.toFixed()).toBe('-1.96'); // 1 - 2.96
    expect(a.overdueSince?.toISOString()).toBe('2024-10-01T16:00:00.000Z');
    const [bill] = await db.select().from(bills).where(eq(bills.accountId, accountId));
    expect(bill).toMatchObject({ kind: 'daily', periodStart: '2024-10-01' });
    expect(bill!.total.toFixed(2)).toBe('2.96');

    await advanceTestClock(db, accountId, { by: 23 * HOUR });
    expect((await status(accountId)).status).toBe('overdue'); // 24-hour grace from the overdue instant
    await assertAccountAcceptsUsage(db, accountId, app.sdkAppId); // overdue still serves

    const r3 = await advanceTestClock(db, accountId, { by: 2 * HOUR });
    expect(r3.ran.map((r) => r.kind)).toEqual(['settle', 'suspend']);
    a = await status(accountId);
    expect(a).toMatchObject({ status: 'suspended', suspensionReason: 'arrears' });
    expect(a.suspendedAt?.toISOString()).toBe('2024-10-02T16:00:00.000Z');
    await expect(assertAccountAcceptsUsage(db, accountId, app.sdkAppId)).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED' });

    // Top-up to zero or above lifts it at once (postLedgerEntry).
    await db.transaction((tx) =>
      accountNow(tx, accountId).then((at) =>
        postLedgerEntry(tx, { accountId, kind: 'top_up', amount: new Decimal('5'), description: { key: 'note', params: { text: 'Top-up' } }, idempotencyKey: 'walk-top-up', at }),
      ),
    );
    a = await status(accountId);
    expect(a.status).toBe('active');
    // The reclamation planned for that suspension will never run: nothing is planned for an active account.

    // Lapse again: 2 hours of 4K on Oct 3, no free minutes left → 4.32 charged on Oct 4 00:00.
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: '2024-10-03T10:00:00+08:00', seconds: 2 * 3600, video: [3840, 2160] })]);
    await advanceTestClock(db, accountId, { to: new Date('2024-10-05T01:00:00+08:00') });
    a = await status(accountId);
    expect(a.balance.toFixed()).toBe('-1.28');
    expect(a.status).toBe('suspended');
    expect(a.suspendedAt?.toISOString()).toBe('2024-10-04T16:00:00.000Z');

    // 60 days suspended is not yet "more than 60 days".
    await advanceTestClock(db, accountId, { to: new Date('2024-12-04T00:00:00+08:00') });
    expect((await status(accountId)).status).toBe('suspended');
    const r5 = await advanceTestClock(db, accountId, { by: 1 * DAY });
    expect(r5.ran.map((r) => r.kind)).toContain('reclaim');
    a = await status(accountId);
    expect(a.status).toBe('reclaimed');
    expect(await db.select().from(applications).where(eq(applications.accountId, accountId))).toHaveLength(0);
    expect(await db.select().from(usageRecords).where(eq(usageRecords.accountId, accountId))).toHaveLength(0);
    const kept = await db.select().from(bills).where(eq(bills.accountId, accountId));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId))).not.toHaveLength(0);
    const notes = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.accountId, accountId));
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['account.overdue', 'account.suspended', 'account.restored', 'account.reclaimed']));

    // Never back.
    await expect(advanceTestClock(db, accountId, { to: new Date('2024-10-01T00:00:00+08:00') })).rejects.toMatchObject({ code: 'VALIDATION' });

    // The other account: no jobs, no bills, no clock.
    expect(await db.select().from(jobs).where(eq(jobs.accountId, other.accountId))).toHaveLength(0);
    expect(await db.select().from(testClocks).where(eq(testClocks.accountId, other.accountId))).toHaveLength(0);
    expect(await financialSnapshot(db, other.accountId)).toEqual(otherBefore);
    expect((await status(other.accountId)).status).toBe('active');
  });

  test('auto-renewal at expiry charges the ledger; with an empty balance it fails and the app is back on Free', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { balance: '100', registeredAt: REG });
    const app = await createTestApplication(db, accountId, { createdAt: REG });
    await attachTestClock(db, accountId, new Date('2024-10-05T09:00:00+08:00'));
    const pkg = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite', { autoRenew: true });
    expect(pkg).toMatchObject({ validFrom: '2024-10-05', validTo: '2024-11-04', status: 'active' });
    const [appRow] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(appRow!.edition).toBe('lite');

    // To the next due job repeatedly until the expiry has run.
    const r = await advanceTestClock(db, accountId, { to: new Date('2024-11-05T00:00:00+08:00') });
    const expiry = r.ran.find((x) => x.kind === 'package-expiry');
    expect(expiry).toMatchObject({ outcome: 'succeeded', businessTime: '2024-11-04T16:00:00.000Z', result: { outcome: 'renewed' } });
    const renewals = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'renewal')));
    expect(renewals.map((e) => [e.amount.toFixed(), e.at.toISOString()])).toEqual([['-49.5', '2024-11-04T16:00:00.000Z']]);
    expect((await status(accountId)).balance.toFixed()).toBe('1');

    // Next period: the balance cannot pay.
    const r2 = await advanceTestClock(db, accountId, { to: new Date('2024-12-05T00:00:00+08:00') });
    expect(r2.ran.find((x) => x.kind === 'package-expiry')).toMatchObject({ result: { outcome: 'renewal_failed' } });
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(after!.edition).toBe('free');
    const active = await db.select().from(packages).where(and(eq(packages.applicationId, app.id), eq(packages.status, 'active')));
    expect(active).toHaveLength(0);
    const notes = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.accountId, accountId));
    expect(notes.map((n) => n.kind)).toContain('package.renewal_failed');
  });

  test('to the next due job', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { registeredAt: REG });
    await attachTestClock(db, accountId, new Date('2024-10-01T12:00:00+08:00'));
    const r1 = await advanceTestClock(db, accountId, { nextJob: true });
    // The first free minutes were due at registration: they run now, without moving the clock.
    expect(r1.ran.map((r) => r.kind)).toEqual(['free-minutes']);
    expect(r1.clock).toBe(new Date('2024-10-01T12:00:00+08:00').toISOString());
    const r2 = await advanceTestClock(db, accountId, { nextJob: true });
    expect(r2.ran.map((r) => r.key)).toEqual([`settle:${accountId}:2024-10-01`]);
    expect(r2.clock).toBe(new Date('2024-10-02T00:00:00+08:00').toISOString());
  });
});
