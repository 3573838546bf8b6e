import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { applications, notifications } from '@/db/schema';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { attachTestClock } from '@/lib/clock/test-clock';
import { postLedgerEntry } from '@/lib/ledger/service';
import { Decimal } from '@/lib/money/decimal';
import { advanceTestClock } from '@/lib/dev-tools/advance';

const HOUR = 3_600_000;
const REG = new Date('2024-10-01T00:00:00+08:00');

async function notices(accountId: string, kind?: string) {
  const { db } = testDb();
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), kind ? eq(notifications.kind, kind) : undefined))
    .orderBy(asc(notifications.at), asc(notifications.id));
}
async function charge(accountId: string, amount: string, at: Date, key: string) {
  const { db } = testDb();
  await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'adjustment', amount: new Decimal(amount), description: { key: 'note', params: { text: 'test' } }, idempotencyKey: key, at }));
}

describe('timed notices on the job queue (lifecycle.md, Notices)', () => {
  test("a Free-edition application stopped for free minutes resumes with next month's free minutes, and is told so", async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { registeredAt: REG });
    const app = await createTestApplication(db, accountId, { createdAt: REG, name: 'Resumer' });
    await attachTestClock(db, accountId, new Date('2024-10-20T12:00:00+08:00'));
    await advanceTestClock(db, accountId, { by: HOUR });
    const stoppedAt = new Date('2024-10-20T13:00:00+08:00');
    await db.update(applications).set({ freeExhaustedAt: stoppedAt }).where(eq(applications.id, app.id));
    await advanceTestClock(db, accountId, { to: new Date('2024-11-01T00:00:00+08:00') });
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(after!.freeExhaustedAt).toBeNull();
    const resumed = await notices(accountId, 'application.resumed');
    expect(resumed.map((n) => [n.title, n.subject, n.occasion, n.link, n.at.toISOString()])).toEqual([
      ['Resumer resumed', String(app.sdkAppId), stoppedAt.toISOString(), `/applications/${app.sdkAppId}`, '2024-10-31T16:00:00.000Z'],
    ]);
    expect(resumed[0]!.body).toContain("next month's free minutes arrived");
  });

  test('overdue (amount owed, suspension moment) → O+20h warning → O+24h suspended (reclamation moment) → top-up restored; each once, in order', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { balance: '10', registeredAt: REG });
    await attachTestClock(db, accountId, new Date('2024-10-05T13:47:00+08:00'));
    await advanceTestClock(db, accountId, { by: 1000 });
    const o = new Date('2024-10-05T13:47:01+08:00');
    await charge(accountId, '-22.5', o, 'charge-1');
    await advanceTestClock(db, accountId, { to: new Date(o.getTime() + 19 * HOUR) });
    expect((await notices(accountId)).map((n) => n.kind)).toEqual(['account.overdue']);
    const [overdue] = await notices(accountId, 'account.overdue');
    expect(overdue!.body).toContain('$12.50');
    expect(overdue!.body).toContain('2024-10-06 13:47 (UTC+8)');
    expect(overdue!.link).toBe('/balance');

    await advanceTestClock(db, accountId, { to: new Date(o.getTime() + 25 * HOUR) });
    const kinds = await notices(accountId);
    expect(kinds.map((n) => [n.kind, n.at.toISOString()])).toEqual([
      ['account.overdue', o.toISOString()],
      ['account.suspension_warning', new Date(o.getTime() + 20 * HOUR).toISOString()],
      ['account.suspended', new Date(o.getTime() + 24 * HOUR).toISOString()],
    ]);
    expect(kinds[1]!.body).toContain('$12.50');
    expect(kinds[2]!.body).toContain('2024-12-05 13:47 (UTC+8)');

    await charge(accountId, '20', new Date(o.getTime() + 26 * HOUR), 'top-up-1');
    expect((await notices(accountId)).map((n) => n.kind)).toEqual(['account.overdue', 'account.suspension_warning', 'account.suspended', 'account.restored']);
    // Moving on sends nothing more: the reclamation warnings' cause (suspended) is gone.
    await advanceTestClock(db, accountId, { to: new Date('2024-12-10T00:00:00+08:00') });
    expect(await notices(accountId)).toHaveLength(4);
  });

  test('cause gone: topped up before O+20h, no suspension warning is sent', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { balance: '1', registeredAt: REG });
    await attachTestClock(db, accountId, new Date('2024-10-05T08:00:00+08:00'));
    await advanceTestClock(db, accountId, { by: 1000 });
    const o = new Date('2024-10-05T08:00:01+08:00');
    await charge(accountId, '-5', o, 'charge-1');
    await advanceTestClock(db, accountId, { to: new Date(o.getTime() + 19 * HOUR) });
    await charge(accountId, '10', new Date(o.getTime() + 19 * HOUR), 'top-up-1');
    await advanceTestClock(db, accountId, { to: new Date(o.getTime() + 30 * HOUR) });
    expect((await notices(accountId)).map((n) => n.kind)).toEqual(['account.overdue', 'account.restored']);
  });
});
