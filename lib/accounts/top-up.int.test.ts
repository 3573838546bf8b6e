import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { accounts, ledgerEntries } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { postLedgerEntry } from '@/lib/ledger/service';
import { writeAudit } from '@/lib/audit/service';
import { testDb } from '@/tests/db';
import { createTestAccount, setTestClock } from '@/tests/factories';
import { topUpSchema } from './schemas';
import { topUp } from './service';

describe('topUp', () => {
  const { db } = testDb();

  test('a double submit (same form key) credits once; the reference keeps only the last four digits', async () => {
    const { accountId, userId } = await createTestAccount(db);
    await setTestClock(db, accountId, new Date('2024-10-08T10:00:00+08:00'));
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => topUp(db, { accountId, userId, amount: new Decimal('25.10'), cardNumber: '4242424242424242', idempotencyKey: key })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'top_up')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ description: 'Top-up by card •••• 4242', reference: 'card-4242', actorUserId: userId });
    expect(rows[0]!.at.toISOString()).toBe('2024-10-08T02:00:00.000Z');
  });

  test('a top-up back to zero or above ends overdue', async () => {
    const { accountId, userId } = await createTestAccount(db);
    await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'daily_charge', amount: new Decimal('-5'), description: { key: 'note', params: { text: 'x' } }, idempotencyKey: 'c', at: new Date() }));
    await topUp(db, { accountId, userId, amount: new Decimal(5), cardNumber: '4242424242424242', idempotencyKey: randomUUID() });
    const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(a).toMatchObject({ status: 'active' });
    expect(a!.balance.toFixed()).toBe('0');
  });

  test('the simulated processor declines its test card; nothing is written', async () => {
    const { accountId, userId } = await createTestAccount(db);
    const err = await topUp(db, { accountId, userId, amount: new Decimal(5), cardNumber: '4000000000000002', idempotencyKey: randomUUID() }).catch((e) => e);
    expect(err.fieldErrors.cardNumber[0]).toContain('declined');
    expect(await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId))).toHaveLength(0);
  });

  test.each([
    [{ amount: '0', cardNumber: '4242424242424242' }, 'amount', 'Amount must be above 0.'],
    [{ amount: '12.345', cardNumber: '4242424242424242' }, 'amount', 'Amount must be a number with at most 2 decimals, like 25 or 19.90.'],
    [{ amount: '200000', cardNumber: '4242424242424242' }, 'amount', 'Amount must be at most 100000.'],
    [{ amount: '10', cardNumber: '4242 4242 4242 4241' }, 'cardNumber', 'Card number is not valid (checksum); try the test card 4242 4242 4242 4242.'],
    [{ amount: '10', cardNumber: 'abcd' }, 'cardNumber', 'Card number must be 12 to 19 digits, like 4242 4242 4242 4242.'],
  ])('field messages: %j', (input, field, message) => {
    const r = topUpSchema.safeParse({ ...input, idempotencyKey: randomUUID() });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  describe('of a reclaimed account (issue 13, item 12)', () => {

    async function reclaimed(debt: string) {
      const { accountId, userId } = await createTestAccount(db);
      await setTestClock(db, accountId, new Date('2025-01-10T10:00:00+08:00'));
      await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'daily_charge', amount: new Decimal(debt).negated(), description: { key: 'note', params: { text: 'x' } }, idempotencyKey: `c-${randomUUID()}`, at: new Date('2024-10-02T00:00:00+08:00') }));
      const reclaimedAt = new Date('2024-12-02T00:00:01+08:00');
      await db.update(accounts).set({ status: 'reclaimed', suspensionReason: null, reclaimedAt }).where(eq(accounts.id, accountId));
      await writeAudit(db, {
        accountId,
        actorUserId: null,
        actorRole: 'system',
        action: 'account.reclaimed',
        targetType: 'account',
        targetId: accountId,
        details: { applications: [1400000123], usageRecords: 42, packages: 1 },
        at: reclaimedAt,
      });
      return { accountId, userId };
    }

    test('pays the debt up to zero; more is refused saying what reclamation removed; nothing written', async () => {
      const { accountId, userId } = await reclaimed('30.40');
      const tooMuch = await topUp(db, { accountId, userId, amount: new Decimal('50'), cardNumber: '4242424242424242', idempotencyKey: randomUUID() }).catch((e) => e);
      expect(tooMuch.code).toBe('INVALID_STATE');
      expect(tooMuch.message).toBe(
        'This account was reclaimed on 2024-12-02 00:00 (UTC+8): 1 application (SDKAppID 1400000123) with their keys and configuration, 42 usage records and 1 package were deleted for good, so a balance above zero could not be used. Bills and the ledger remain available. Only the debt can be paid: top up at most $30.40 to bring the balance to zero.',
      );
      expect(tooMuch.fieldErrors.amount[0]).toBe(tooMuch.message);
      expect(await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'top_up')))).toHaveLength(0);

      const part = await topUp(db, { accountId, userId, amount: new Decimal('10.40'), cardNumber: '4242424242424242', idempotencyKey: randomUUID() });
      expect(part.balance.toFixed()).toBe('-20');
      const key = randomUUID();
      const rest = await topUp(db, { accountId, userId, amount: new Decimal('20'), cardNumber: '4242424242424242', idempotencyKey: key });
      expect(rest.balance.toFixed()).toBe('0');
      // A retry of the paying top-up still replays; a new one is refused: no debt left.
      expect((await topUp(db, { accountId, userId, amount: new Decimal('20'), cardNumber: '4242424242424242', idempotencyKey: key })).created).toBe(false);
      const none = await topUp(db, { accountId, userId, amount: new Decimal('1'), cardNumber: '4242424242424242', idempotencyKey: randomUUID() }).catch((e) => e);
      expect(none.message).toContain('There is no debt to pay, so no top-up is accepted.');
      const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
      expect(a).toMatchObject({ status: 'reclaimed' });
    });
  });
});
