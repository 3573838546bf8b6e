import { describe, expect, test, vi } from 'vitest';
import { createTestAccount } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { countUnreadNotices } from '@/lib/notices/queries';
import { notify } from '@/lib/notices/notify';
import { AppError } from '@/lib/errors';

// The session: whoever the test says is signed in (the real guard reads Auth.js cookies).
const session = vi.hoisted(() => ({ user: null as null | Record<string, unknown> }));
vi.mock('@/lib/auth/guard', () => ({
  requireUser: async (permission: string) => {
    if (!session.user) throw new AppError('UNAUTHENTICATED');
    if (permission === 'customer' && session.user.role !== 'customer') throw new AppError('FORBIDDEN');
    return session.user;
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { markAllNoticesReadAction, markNoticeReadAction } = await import('./actions');

const AT = new Date('2024-10-05T10:00:00+08:00');
async function seed(accountId: string) {
  const { db } = testDb();
  return db.transaction((tx) =>
    notify(tx, { kind: 'account.restored', accountId, subject: accountId, occasion: AT.toISOString(), at: AT, facts: { currency: 'USD', balance: '5.00', via: 'balance' } }),
  );
}
const customer = (accountId: string, status = 'active') => ({ id: 'u', email: 'x@example.test', name: 'x', role: 'customer', accountId, account: { id: accountId, status, currency: 'USD' } });

describe('message center actions: session, role, ownership, validation', () => {
  test('signed out: refused, nothing changes', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db);
    const n = await seed(accountId);
    session.user = null;
    expect(await markNoticeReadAction(null, { noticeId: n!.id })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await markAllNoticesReadAction(null, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await countUnreadNotices(db, accountId)).toBe(1);
  });

  test('an admin is not a customer: refused', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db);
    const n = await seed(accountId);
    session.user = { id: 'a', email: 'a@example.test', name: 'a', role: 'admin', accountId: null, account: null };
    expect(await markNoticeReadAction(null, { noticeId: n!.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await countUnreadNotices(db, accountId)).toBe(1);
  });

  test("another account's notice answers NOT_FOUND and stays unread; bad input names the field", async () => {
    const { db } = testDb();
    const owner = await createTestAccount(db);
    const intruder = await createTestAccount(db);
    const n = await seed(owner.accountId);
    session.user = customer(intruder.accountId);
    expect(await markNoticeReadAction(null, { noticeId: n!.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await markAllNoticesReadAction(null, {})).toMatchObject({ ok: true, data: { marked: 0 } });
    expect(await countUnreadNotices(db, owner.accountId)).toBe(1);
    const bad = await markNoticeReadAction(null, { noticeId: 'abc' as unknown as number });
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(bad.ok ? null : bad.fieldErrors?.noticeId?.[0]).toMatch(/notice id/);
  });

  test('the owner marks one, then all; allowed while suspended (the message center tells why)', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db);
    const n = await seed(accountId);
    await db.transaction((tx) =>
      notify(tx, { kind: 'account.suspended', accountId, subject: accountId, occasion: 'x', at: AT, facts: { reason: 'violation', suspendedAt: AT.toISOString(), adminReason: 'test' } }),
    );
    session.user = customer(accountId, 'suspended');
    expect(await markNoticeReadAction(null, { noticeId: n!.id })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await countUnreadNotices(db, accountId)).toBe(1);
    expect(await markAllNoticesReadAction(null, {})).toMatchObject({ ok: true, data: { marked: 1 } });
    expect(await countUnreadNotices(db, accountId)).toBe(0);
  });
});
