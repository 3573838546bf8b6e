import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createAdminUser } from '@/lib/accounts/service';
import { adjustBalance, suspendForViolation } from './service';
import { Decimal } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { listActivity } from '@/db/queries/audit';

/** Issue 14 item 8: the audit page promised every automatic change of money or status; it showed the audit log only. */
describe('listActivity: audit log, ledger and status changes, with their cause', () => {
  const { db } = testDb();

  test('an adjustment and a suspension show as an action, a ledger row and a status change, filtered by account name or email', async () => {
    const adminUserId = await createAdminUser(db, { email: `aud-${randomUUID()}@example.test`, name: 'Auditor', password: 'x'.repeat(12) });
    const name = `Activity Co ${randomUUID().slice(0, 6)}`;
    const { accountId } = await createTestAccount(db, { balance: '10', name });
    await adjustBalance(db, { accountId, adminUserId, amount: new Decimal('-4.5'), reason: 'Chargeback of a card top-up', idempotencyKey: randomUUID() });
    await suspendForViolation(db, { accountId, adminUserId, reason: 'Illegal content reported' });

    const { rows, total } = await listActivity(db, { q: name.toLowerCase(), limit: 50, offset: 0 });
    expect(total).toBe(rows.length);
    const bySource = (s: string) => rows.filter((r) => r.source === s);
    expect(bySource('audit').map((r) => r.action).sort()).toEqual(['account.suspended_for_violation', 'balance.adjusted']);
    const money = bySource('ledger').find((r) => r.action === 'ledger.adjustment');
    expect(money).toMatchObject({ actorRole: 'admin', accountName: name, cause: 'Adjustment by an administrator: Chargeback of a card top-up' });
    expect(money!.amount!.toFixed()).toBe('-4.5');
    const status = bySource('status');
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({ action: 'status.suspended', target: 'active → suspended', cause: 'suspended for a violation: Illegal content reported', actorRole: 'admin' });
    // Newest first.
    expect(rows.map((r) => r.at.getTime())).toEqual([...rows.map((r) => r.at.getTime())].sort((a, b) => b - a));

    // One source, an action prefix, and an account that matches nothing.
    expect((await listActivity(db, { q: name, source: 'status', limit: 50, offset: 0 })).rows.map((r) => r.source)).toEqual(['status']);
    expect((await listActivity(db, { accountId, action: 'ledger.', limit: 50, offset: 0 })).rows.every((r) => r.source === 'ledger')).toBe(true);
    expect((await listActivity(db, { q: `nobody-${randomUUID()}`, limit: 50, offset: 0 })).total).toBe(0);
  });
});
