import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { accounts, accountStatusHistory, auditLog, ledgerEntries } from '@/db/schema';
import { createAdminUser } from '@/lib/accounts/service';
import { Decimal } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { adjustBalanceSchema } from './schemas';
import { adjustBalance, liftViolationSuspension, suspendForViolation } from './service';

describe('admin actions', () => {
  const { db } = testDb();

  test('balance adjustment: once per form key, audited, may make the account overdue', async () => {
    const adminUserId = await createAdminUser(db, { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'x'.repeat(12) });
    const { accountId } = await createTestAccount(db, { balance: '10' });
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => adjustBalance(db, { accountId, adminUserId, amount: new Decimal('-12.5'), reason: 'Chargeback of a card top-up', idempotencyKey: key })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(a!.balance.toFixed()).toBe('-2.5');
    expect(a!.status).toBe('overdue');
    const entries = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'adjustment')));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: adminUserId, description: 'Adjustment by an administrator: Chargeback of a card top-up' });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, 'balance.adjusted')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ amount: '-12.5', balanceBefore: '10', balanceAfter: '-2.5' });
  });

  test('the reason is mandatory and the amount not zero', () => {
    const r = adjustBalanceSchema.safeParse({ accountId: randomUUID(), amount: '0', reason: 'short', idempotencyKey: randomUUID() });
    expect(r.success).toBe(false);
    if (!r.success) {
      const msgs = Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
      expect(msgs.reason).toBe('Reason must be at least 10 characters, saying why (it is kept in the audit log).');
      expect(msgs.amount).toBe('Amount must not be 0: use a positive amount to credit, negative to debit.');
    }
  });

  test('suspend for a violation survives a top-up; lifting returns to overdue when the balance is negative', async () => {
    const adminUserId = await createAdminUser(db, { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'x'.repeat(12) });
    const { accountId } = await createTestAccount(db, { balance: '5' });
    await suspendForViolation(db, { accountId, adminUserId, reason: 'Illegal content reported' });
    expect((await suspendForViolation(db, { accountId, adminUserId, reason: 'Illegal content reported' }).catch((e) => e)).code).toBe('CONFLICT');
    await adjustBalance(db, { accountId, adminUserId, amount: new Decimal(100), reason: 'Goodwill credit for outage', idempotencyKey: randomUUID() });
    let [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(a).toMatchObject({ status: 'suspended', suspensionReason: 'violation' });
    await adjustBalance(db, { accountId, adminUserId, amount: new Decimal(-200), reason: 'Reverse the goodwill credit', idempotencyKey: randomUUID() });
    const lifted = await liftViolationSuspension(db, { accountId, adminUserId, reason: 'Content removed by customer' });
    expect(lifted).toMatchObject({ status: 'overdue', suspensionReason: null });
    expect(lifted.overdueSince).not.toBeNull();
    [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    const history = await db.select().from(accountStatusHistory).where(eq(accountStatusHistory.accountId, accountId)).orderBy(asc(accountStatusHistory.id));
    expect(history.map((h) => `${h.fromStatus}→${h.toStatus}`)).toEqual(['active→suspended', 'suspended→overdue']);
    expect((await liftViolationSuspension(db, { accountId, adminUserId, reason: 'Content removed by customer' }).catch((e) => e)).code).toBe('INVALID_STATE');
    // In the order written (identity ids): a plain scan's order is not guaranteed.
    const audit = await db.select().from(auditLog).where(eq(auditLog.accountId, accountId)).orderBy(asc(auditLog.id));
    expect(audit.map((x) => x.action)).toEqual(['account.suspended_for_violation', 'balance.adjusted', 'balance.adjusted', 'account.suspension_lifted']);
  });
});
