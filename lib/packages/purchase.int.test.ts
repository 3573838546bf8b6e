import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { applications, ledgerEntries, packages } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { sum } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { buyTestPackage, createTestAccount, createTestApplication, ledgerState, setTestClock } from '@/tests/factories';
import { purchasePackage, setAutoRenew } from './service';

const NOW = new Date('2024-10-08T10:00:00+08:00');

async function setup(balance = '1000') {
  const { db } = testDb();
  const { accountId, userId } = await createTestAccount(db, { balance });
  await setTestClock(db, accountId, NOW);
  const app = await createTestApplication(db, accountId);
  return { db, accountId, userId, app };
}

async function expectConsistent(accountId: string) {
  const { db } = testDb();
  const { account, rows } = await ledgerState(db, accountId);
  expect(account.balance.toFixed()).toBe(sum(rows.map((r) => r.amount)).toFixed());
  return { account, rows };
}

describe('purchasePackage', () => {
  test('buys RTC-Engine Lite: active from today, one ledger entry, the application on Lite and resumed', async () => {
    const { db, accountId, userId, app } = await setup('100');
    await db.update(applications).set({ freeExhaustedAt: NOW }).where(eq(applications.id, app.id));
    const { package: pkg, created } = await purchasePackage(db, { accountId, userId, applicationId: app.id, catalogCode: 'rtc-engine.lite', autoRenew: true, idempotencyKey: randomUUID() });
    expect(created).toBe(true);
    expect(pkg).toMatchObject({ status: 'active', validFrom: '2024-10-08', validTo: '2024-11-07', anchorDay: 8, autoRenew: true, product: 'rtc-engine', edition: 'lite' });
    expect(pkg.price.toFixed()).toBe('49.5');
    expect(pkg.minutes.toFixed()).toBe('50000');
    const { account, rows } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('50.5');
    expect(rows.at(-1)).toMatchObject({ kind: 'package_purchase', reference: `package:${pkg.id}`, id: pkg.ledgerEntryId });
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(after).toMatchObject({ edition: 'lite', freeExhaustedAt: null });
  });

  test('refused with a clear message when the balance cannot pay; nothing is written', async () => {
    const { db, accountId, app } = await setup('10');
    const err = await purchasePackage(db, { accountId, userId: null, applicationId: app.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: randomUUID() }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(err.message).toBe('The balance ($10.00) cannot pay $49.50 for RTC-Engine Lite. Top up at least $39.50 and try again.');
    expect(await db.select().from(packages).where(eq(packages.accountId, accountId))).toHaveLength(0);
    const { rows } = await expectConsistent(accountId);
    expect(rows).toHaveLength(1);
  });

  test('20 identical concurrent purchases: exactly one package and one ledger entry', async () => {
    const { db, accountId, app } = await setup('100');
    const key = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => purchasePackage(db, { accountId, userId: null, applicationId: app.id, catalogCode: 'rtc-engine.lite', autoRenew: true, idempotencyKey: key })),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const ids = new Set(results.map((r) => (r.status === 'fulfilled' ? r.value.package.id : null)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.created)).toHaveLength(1);
    expect(await db.select().from(packages).where(eq(packages.accountId, accountId))).toHaveLength(1);
    const purchases = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'package_purchase')));
    expect(purchases).toHaveLength(1);
    const { account } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('50.5');
  });

  test('20 concurrent purchases with different keys: one active, one queued, the rest refused; balance exact', async () => {
    const { db, accountId, app } = await setup('1000');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => purchasePackage(db, { accountId, userId: null, applicationId: app.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: randomUUID() })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('INVALID_STATE');
    const rows = await db.select().from(packages).where(eq(packages.accountId, accountId));
    expect(rows.map((p) => p.status).sort()).toEqual(['active', 'queued']);
    const queued = rows.find((p) => p.status === 'queued');
    expect(queued).toMatchObject({ validFrom: null, validTo: null });
    const { account } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('901');
  });

  test('upgrade mid-term is refused with the reason; another product is fine', async () => {
    const { db, accountId, app } = await setup('3000');
    await buyTestPackage(db, accountId, app.id, 'rtc-engine.standard');
    const err = await buyTestPackage(db, accountId, app.id, 'rtc-engine.pro').catch((e) => e);
    expect(err.code).toBe('INVALID_STATE');
    expect(err.fieldErrors.catalogCode[0]).toMatch(/^Upgrading mid-term is not possible: this application is on RTC-Engine Standard \(valid through 2024-11-07\)/);
    const call = await buyTestPackage(db, accountId, app.id, 'call.1v1');
    expect(call.status).toBe('active');
    const [a] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(a?.edition).toBe('standard');
  });

  test('Starter: at most three per account, never after an official edition', async () => {
    const { db, accountId } = await setup('1000');
    const apps = await Promise.all([1, 2, 3, 4].map((i) => createTestApplication(db, accountId, { name: `s${i}` })));
    for (const a of apps.slice(0, 3)) expect((await buyTestPackage(db, accountId, a.id, 'rtc-engine.starter')).edition).toBe('starter');
    const err = await buyTestPackage(db, accountId, apps[3]!.id, 'rtc-engine.starter').catch((e) => e);
    expect(err.code).toBe('INVALID_STATE');
    expect(err.message).toContain('at most 3 times per account');

    const other = await setup('1000');
    await buyTestPackage(other.db, other.accountId, other.app.id, 'rtc-engine.lite');
    const app2 = await createTestApplication(other.db, other.accountId, { name: 'second' });
    const err2 = await buyTestPackage(other.db, other.accountId, app2.id, 'rtc-engine.starter').catch((e) => e);
    expect(err2.message).toContain('only for accounts that never bought an official RTC-Engine edition');
  });

  test("another account's application is refused like a missing one", async () => {
    const { db, accountId } = await setup('100');
    const other = await setup('100');
    const err = await buyTestPackage(db, accountId, other.app.id).catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
    const missing = await buyTestPackage(db, accountId, randomUUID()).catch((e) => e);
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe(err.message);
  });

  test('CNY universal packages stack and price custom sizes by tier', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { balance: '2000', currency: 'CNY' });
    await setTestClock(db, accountId, NOW);
    const app = await createTestApplication(db, accountId);
    const a = await buyTestPackage(db, accountId, app.id, 'universal.25k');
    const b = await buyTestPackage(db, accountId, app.id, 'universal.custom', { customThousands: 30 });
    expect([a.status, b.status]).toEqual(['active', 'active']);
    expect(b.price.toFixed()).toBe('201.6');
    expect(a.validTo).toBe('2025-10-31');
    const { account } = await expectConsistent(accountId);
    expect(account.balance.toFixed()).toBe('1630.4');
    const usd = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite').catch((e) => e);
    expect(usd.message).toContain('sold in USD');
  });

  test('auto-renewal can be switched before expiry, not on trials, not for others', async () => {
    const { db, accountId, app } = await setup('100');
    const pkg = await buyTestPackage(db, accountId, app.id, 'rtc-engine.lite');
    expect((await setAutoRenew(db, { accountId, packageId: pkg.id, autoRenew: true })).autoRenew).toBe(true);
    expect((await setAutoRenew(db, { accountId, packageId: pkg.id, autoRenew: false })).autoRenew).toBe(false);
    const other = await setup('100');
    expect((await setAutoRenew(db, { accountId: other.accountId, packageId: pkg.id, autoRenew: true }).catch((e) => e)).code).toBe('NOT_FOUND');
    const trialApp = await createTestApplication(db, accountId, { name: 'trial' });
    const trial = await buyTestPackage(db, accountId, trialApp.id, 'call.trial');
    expect(trial).toMatchObject({ kind: 'trial', validFrom: '2024-10-08', validTo: '2024-10-14', ledgerEntryId: null });
    expect((await setAutoRenew(db, { accountId, packageId: trial.id, autoRenew: true }).catch((e) => e)).code).toBe('INVALID_STATE');
  });
});
