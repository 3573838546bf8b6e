import { and, eq } from 'drizzle-orm';
import { describe, expect, test, vi } from 'vitest';
import { notifications } from '@/db/schema';
import { createTestAccount } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { countUnreadNotices, listNotices } from '@/lib/notices/queries';
import { notify } from './notify';
import { markAllNoticesRead, markNoticeRead } from './read';

const deliveries = vi.hoisted(() => ({ calls: [] as number[] }));
vi.mock('./deliveries', () => ({ enqueueNoticeDeliveries: async (_tx: unknown, row: { id: number }) => void deliveries.calls.push(row.id) }));

const AT = new Date('2024-10-05T10:00:00+08:00');
const overdue = (accountId: string, occasion = AT.toISOString()) =>
  ({ kind: 'account.overdue', accountId, subject: accountId, occasion, at: AT, facts: { currency: 'USD', owed: '12.50', overdueSince: occasion, suspendAt: new Date(AT.getTime() + 86_400_000).toISOString() } }) as const;

describe('notify: the only way a notice is written', () => {
  test('once per (account, kind, subject, occasion): the second returns null and queues no delivery; text, link and payload from the catalogue', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db);
    deliveries.calls.length = 0;
    const first = await db.transaction((tx) => notify(tx, overdue(accountId)));
    const second = await db.transaction((tx) => notify(tx, overdue(accountId)));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(deliveries.calls).toEqual([first!.id]);
    expect(first).toMatchObject({ kind: 'account.overdue', title: 'Your account is overdue', link: '/balance', payload: { owed: '12.50' } });
    expect(first!.body).toContain('$12.50');
    expect(first!.body).toContain('2024-10-06 10:00 (UTC+8)');
    // Another occasion is another notice.
    expect(await db.transaction((tx) => notify(tx, overdue(accountId, '2024-10-07T00:00:00.000Z')))).not.toBeNull();
    const rows = await db.select().from(notifications).where(and(eq(notifications.accountId, accountId), eq(notifications.kind, 'account.overdue')));
    expect(rows).toHaveLength(2);
  });

  test('concurrent writers of the same notice: exactly one row', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db);
    const results = await Promise.all(Array.from({ length: 6 }, () => db.transaction((tx) => notify(tx, overdue(accountId)))));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});

describe('message center reads and marks', () => {
  test('newest first, filters by kind group and read state, marks one and all; another account’s notice is NOT_FOUND and unchanged', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db);
    const other = await createTestAccount(db);
    const a = await db.transaction((tx) => notify(tx, overdue(accountId)));
    const b = await db.transaction((tx) =>
      notify(tx, { kind: 'bill.monthly', accountId, subject: 'bill-1', occasion: '2024-10', at: new Date(AT.getTime() + 1000), facts: { billId: 'bill-1', billNumber: 'B000001', month: '2024-10', currency: 'USD', total: '3.00' } }),
    );
    const foreign = await db.transaction((tx) => notify(tx, overdue(other.accountId)));
    expect((await listNotices(db, accountId, { limit: 10 })).rows.map((r) => r.id)).toEqual([b!.id, a!.id]);
    expect((await listNotices(db, accountId, { limit: 10, group: 'bill' })).rows.map((r) => r.link)).toEqual(['/bills/bill-1']);
    expect(await countUnreadNotices(db, accountId)).toBe(2);

    await expect(markNoticeRead(db, accountId, foreign!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await countUnreadNotices(db, other.accountId)).toBe(1);

    expect(await markNoticeRead(db, accountId, a!.id)).toEqual({ changed: true });
    expect(await markNoticeRead(db, accountId, a!.id)).toEqual({ changed: false });
    expect((await listNotices(db, accountId, { limit: 10, read: 'unread' })).rows.map((r) => r.id)).toEqual([b!.id]);
    expect((await listNotices(db, accountId, { limit: 10, read: 'read' })).rows.map((r) => r.id)).toEqual([a!.id]);
    expect(await markAllNoticesRead(db, accountId)).toBe(1);
    expect(await countUnreadNotices(db, accountId)).toBe(0);
    expect(await countUnreadNotices(db, other.accountId)).toBe(1);
  });
});
