import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { applications, auditLog, freeMinuteGrants, ledgerEntries, notifications, packages } from '@/db/schema';
import { sum } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { buyTestPackage, createTestAccount, createTestApplication, ledgerState, setTestClock } from '@/tests/factories';
import { grantMonthlyFreeMinutes, listPackagesDueForExpiry, packageExpiryInstant, processPackageExpiry } from './lifecycle';

async function setup(balance: string, now = new Date('2023-01-31T10:00:00+08:00')) {
  const { db } = testDb();
  const { accountId } = await createTestAccount(db, { balance, registeredAt: new Date('2023-01-15T09:00:00+08:00') });
  await setTestClock(db, accountId, now);
  const app = await createTestApplication(db, accountId);
  return { db, accountId, app };
}

async function pkgById(id: string) {
  const [row] = await testDb().db.select().from(packages).where(eq(packages.id, id));
  return row!;
}

describe('processPackageExpiry', () => {
  test('renews with the anchor kept (Jan 31 → Feb 27 → Feb 28 → Mar 30), charging the list price once', async () => {
    const { db, accountId, app } = await setup('150');
    const first = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite', { autoRenew: true });
    expect([first.validFrom, first.validTo, first.anchorDay]).toEqual(['2023-01-31', '2023-02-27', 31]);
    const at = packageExpiryInstant({ validTo: first.validTo! });
    expect(at.toISOString()).toBe('2023-02-27T16:00:00.000Z');

    expect(await listPackagesDueForExpiry(db, accountId, new Date(at.getTime() - 1))).toEqual([]);
    expect(await listPackagesDueForExpiry(db, accountId, at)).toEqual([first.id]);
    expect((await db.transaction((tx) => processPackageExpiry(tx, first.id, new Date(at.getTime() - 1)))).outcome).toBe('skipped');

    const r = await db.transaction((tx) => processPackageExpiry(tx, first.id, at));
    expect(r.outcome).toBe('renewed');
    const next = await pkgById(r.newPackageId!);
    expect(next).toMatchObject({ status: 'active', validFrom: '2023-02-28', validTo: '2023-03-30', anchorDay: 31, source: 'renewal', previousPackageId: first.id, autoRenew: true });
    expect((await pkgById(first.id)).status).toBe('expired');

    // Called again (a retried job): nothing more happens.
    expect((await db.transaction((tx) => processPackageExpiry(tx, first.id, at))).outcome).toBe('skipped');

    const r2 = await db.transaction((tx) => processPackageExpiry(tx, next.id, packageExpiryInstant({ validTo: next.validTo! })));
    expect(r2.outcome).toBe('renewed');
    const third = await pkgById(r2.newPackageId!);
    expect([third.validFrom, third.validTo]).toEqual(['2023-03-31', '2023-04-29']);

    const { account, rows } = await ledgerState(db, accountId);
    expect(rows.filter((e) => e.kind === 'renewal').map((e) => e.amount.toFixed())).toEqual(['-49.5', '-49.5']);
    expect(rows.filter((e) => e.kind === 'renewal').map((e) => e.idempotencyKey)).toEqual([`renewal:${first.id}:2023-02-28`, `renewal:${next.id}:2023-03-31`]);
    expect(account.balance.toFixed()).toBe(sum(rows.map((e) => e.amount)).toFixed());
    expect(account.balance.toFixed()).toBe('1.5'); // 150 - 3 × 49.5
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, 'package.renewed')));
    expect(audit).toHaveLength(2);

    // The third period cannot be paid: renewal fails, the application is back on Free, the customer is told.
    const r3 = await db.transaction((tx) => processPackageExpiry(tx, third.id, packageExpiryInstant({ validTo: third.validTo! })));
    expect(r3.outcome).toBe('renewal_failed');
    expect((await pkgById(third.id)).status).toBe('expired');
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a?.edition).toBe('free');
    const notes = await db.select().from(notifications).where(and(eq(notifications.accountId, accountId), eq(notifications.kind, 'package.renewal_failed')));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('Auto-renewal needed $49.50 but the balance was $1.50.');
    expect(notes[0]!.body).toContain('back on the RTC-Engine Free edition');
    const after = await ledgerState(db, accountId);
    expect(after.rows).toHaveLength(rows.length);
  });

  test('without auto-renewal the package expires and the application returns to Free', async () => {
    const { db, accountId, app } = await setup('100');
    const p = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite');
    const r = await db.transaction((tx) => processPackageExpiry(tx, p.id, new Date('2023-03-05T00:00:00+08:00')));
    expect(r).toEqual({ outcome: 'expired' });
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a?.edition).toBe('free');
  });

  test('a queued package becomes active from the expiry day, anchored on it; auto-renewal is not charged', async () => {
    const { db, accountId, app } = await setup('200');
    const first = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite', { autoRenew: true });
    const queued = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite');
    expect(queued.status).toBe('queued');
    await db.update(applications).set({ freeExhaustedAt: new Date() }).where(eq(applications.id, app.id));
    const r = await db.transaction((tx) => processPackageExpiry(tx, first.id, packageExpiryInstant({ validTo: first.validTo! })));
    expect(r).toEqual({ outcome: 'expired', activatedQueuedId: queued.id });
    expect(await pkgById(queued.id)).toMatchObject({ status: 'active', validFrom: '2023-02-28', validTo: '2023-03-27', anchorDay: 28 });
    const renewals = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'renewal')));
    expect(renewals).toHaveLength(0);
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a).toMatchObject({ edition: 'lite', freeExhaustedAt: null });
  });

  test('free trials and universal packages never renew', async () => {
    const { db, accountId, app } = await setup('100');
    const trial = await buyTestPackage(db, accountId, app.id, 'call.trial');
    const r = await db.transaction((tx) => processPackageExpiry(tx, trial.id, packageExpiryInstant({ validTo: trial.validTo! })));
    expect(r.outcome).toBe('expired');
  });
});

describe('grantMonthlyFreeMinutes', () => {
  test('one grant per cycle, anchored on the registration day; idempotent, also under concurrency', async () => {
    const { db, accountId, app } = await setup('0');
    await db.update(applications).set({ freeExhaustedAt: new Date() }).where(eq(applications.id, app.id));
    const now = new Date('2023-03-20T12:00:00+08:00');
    const results = await Promise.all(Array.from({ length: 5 }, () => db.transaction((tx) => grantMonthlyFreeMinutes(tx, accountId, now))));
    expect(new Set(results.map((r) => r.grantId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const grants = await db.select().from(freeMinuteGrants).where(eq(freeMinuteGrants.accountId, accountId));
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ validFrom: '2023-03-15', validTo: '2023-04-14' });
    expect(grants[0]!.minutes.toFixed()).toBe('10000');
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a?.freeExhaustedAt).toBeNull();

    const again = await db.transaction((tx) => grantMonthlyFreeMinutes(tx, accountId, new Date('2023-04-14T23:59:59+08:00')));
    expect(again).toEqual({ grantId: grants[0]!.id, created: false });
    const next = await db.transaction((tx) => grantMonthlyFreeMinutes(tx, accountId, new Date('2023-04-15T00:00:00+08:00')));
    expect(next.created).toBe(true);
  });
});
