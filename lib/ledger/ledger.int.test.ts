import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { accounts, accountStatusHistory, ledgerEntries } from '@/db/schema';
import { Decimal, sum } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { postLedgerEntry } from './service';

describe('postLedgerEntry', () => {
  const { db } = testDb();
  const at = new Date('2024-10-08T10:00:00+08:00');

  test('keeps the cached balance equal to the ledger sum and is idempotent per key', async () => {
    const { accountId } = await createTestAccount(db, { balance: '10' });
    const key = `charge:${randomUUID()}`;
    for (let i = 0; i < 3; i++) {
      await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'daily_charge', amount: new Decimal('-2.35'), description: { key: 'note', params: { text: 'x' } }, idempotencyKey: key, at }));
    }
    const rows = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId));
    const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(rows).toHaveLength(2);
    expect(account?.balance.toFixed()).toBe('7.65');
    expect(sum(rows.map((r) => r.amount)).toFixed()).toBe(account?.balance.toFixed());
  });

  test('a negative balance makes the account overdue; a top-up to zero makes it active again', async () => {
    const { accountId } = await createTestAccount(db, { balance: '1' });
    await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'daily_charge', amount: new Decimal('-3'), description: { key: 'note', params: { text: 'x' } }, idempotencyKey: 'c1', at }));
    let [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(account?.status).toBe('overdue');
    expect(account?.overdueSince).toEqual(at);
    await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'top_up', amount: new Decimal('2'), description: { key: 'note', params: { text: 'x' } }, idempotencyKey: 't1', at }));
    [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(account?.status).toBe('active');
    const history = await db.select().from(accountStatusHistory).where(eq(accountStatusHistory.accountId, accountId)).orderBy(asc(accountStatusHistory.id));
    expect(history.map((h) => h.toStatus)).toEqual(['overdue', 'active']);
  });

  test('concurrent postings serialise on the account row', async () => {
    const { accountId } = await createTestAccount(db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'top_up', amount: new Decimal('0.1'), description: { key: 'note', params: { text: 'x' } }, idempotencyKey: `k${i}`, at })),
      ),
    );
    const rows = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(ledgerEntries.id);
    const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(account?.balance.toFixed()).toBe('2');
    // Running balances are a strict sequence 0.1, 0.2, ... 2.0.
    expect(rows.map((r) => r.balanceAfter.toFixed())).toEqual(rows.map((_, i) => new Decimal(i + 1).times('0.1').toFixed()));
  });
});
