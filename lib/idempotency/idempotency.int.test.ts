import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { ledgerEntries, packages } from '@/db/schema';
import { createAdminUser, topUp } from '@/lib/accounts/service';
import { adjustBalance } from '@/lib/admin/service';
import { Decimal } from '@/lib/money/decimal';
import { purchasePackage } from '@/lib/packages/service';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication, setTestClock } from '@/tests/factories';

const NOW = new Date('2024-10-08T10:00:00+08:00');
const CARD = '4242424242424242';

describe('idempotency keys replay only the same request (issue 13, item 11)', () => {
  const { db } = testDb();

  test('a purchase key replayed with another application is refused, naming what differs; the same request replays', async () => {
    const { accountId, userId } = await createTestAccount(db, { balance: '200' });
    await setTestClock(db, accountId, NOW);
    const a1 = await createTestApplication(db, accountId, { name: 'one' });
    const a2 = await createTestApplication(db, accountId, { name: 'two' });
    const key = randomUUID();
    const first = await purchasePackage(db, { accountId, userId, applicationId: a1.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: key });
    expect(first.created).toBe(true);

    const replay = await purchasePackage(db, { accountId, userId, applicationId: a1.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: key });
    expect(replay).toMatchObject({ created: false, package: { id: first.package.id } });

    const other = await purchasePackage(db, { accountId, userId, applicationId: a2.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: key }).catch((e) => e);
    expect(other.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.status).toBe(409);
    expect(other.message).toBe(
      'This purchase was already submitted on 2024-10-08 10:00 (UTC+8) with a different application; a repeated submission must be identical, so nothing was changed. Reload the page to start a new one.',
    );
    const both = await purchasePackage(db, { accountId, userId, applicationId: a2.id, catalogCode: 'rtc-engine.standard', autoRenew: false, idempotencyKey: key }).catch((e) => e);
    expect(both.message).toContain('with a different application and package;');

    expect(await db.select().from(packages).where(eq(packages.accountId, accountId))).toHaveLength(1);
    const entries = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'package_purchase')));
    expect(entries).toHaveLength(1);
  });

  test('a refused purchase leaves its key unclaimed: the corrected form can use it', async () => {
    const { accountId, userId } = await createTestAccount(db, { balance: '10' });
    await setTestClock(db, accountId, NOW);
    const app = await createTestApplication(db, accountId);
    const key = randomUUID();
    const err = await purchasePackage(db, { accountId, userId, applicationId: app.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: key }).catch((e) => e);
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    const ok = await purchasePackage(db, { accountId, userId, applicationId: app.id, catalogCode: 'rtc-engine.starter', autoRenew: false, idempotencyKey: key });
    expect(ok.created).toBe(true);
  });

  test('a top-up key replayed with another amount or card is refused; the same one replays', async () => {
    const { accountId, userId } = await createTestAccount(db);
    await setTestClock(db, accountId, NOW);
    const key = randomUUID();
    const first = await topUp(db, { accountId, userId, amount: new Decimal('25'), cardNumber: CARD, idempotencyKey: key });
    const same = await topUp(db, { accountId, userId, amount: new Decimal('25.00'), cardNumber: CARD, idempotencyKey: key });
    expect(same).toMatchObject({ created: false, entryId: first.entryId });
    const more = await topUp(db, { accountId, userId, amount: new Decimal('250'), cardNumber: CARD, idempotencyKey: key }).catch((e) => e);
    expect(more.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(more.message).toContain('This top-up was already submitted on 2024-10-08 10:00 (UTC+8) with a different amount;');
    const card = await topUp(db, { accountId, userId, amount: new Decimal('25'), cardNumber: '5555555555554444', idempotencyKey: key }).catch((e) => e);
    expect(card.message).toContain('with a different card;');
    const rows = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amount.toFixed()).toBe('25');
  });

  test('an admin adjustment key replayed with another amount is refused', async () => {
    const adminUserId = await createAdminUser(db, { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'x'.repeat(12) });
    const { accountId } = await createTestAccount(db, { balance: '10' });
    const key = randomUUID();
    await adjustBalance(db, { accountId, adminUserId, amount: new Decimal('5'), reason: 'Goodwill credit for outage', idempotencyKey: key });
    const err = await adjustBalance(db, { accountId, adminUserId, amount: new Decimal('50'), reason: 'Goodwill credit for outage', idempotencyKey: key }).catch((e) => e);
    expect(err.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(err.message).toContain('with a different amount;');
  });
});
