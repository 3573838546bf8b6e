import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { userSessions } from '@/db/schema';
import { createAdminUser } from '@/lib/accounts/service';
import { suspendForViolation } from '@/lib/admin/service';
import { createTestAccount } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { createSession, endAllSessions, endOtherSession, endSession, findOpenSession, listOpenSessions, SESSION_MAX_AGE_S, touchSession } from './sessions';

const { db } = testDb();

describe('server-side sessions (issue 13 item 5)', () => {
  test('a signed-out session is refused even though its token would still verify', async () => {
    const { userId } = await createTestAccount(db);
    const sid = await createSession(db, { userId, address: '203.0.113.1', userAgent: 'UA' });
    expect(await findOpenSession(db, sid, userId)).not.toBeNull();
    expect(await endSession(db, { userId, sessionId: sid, reason: 'sign-out' })).toBe(true);
    expect(await findOpenSession(db, sid, userId)).toBeNull();
    const [row] = await db.select().from(userSessions).where(eq(userSessions.id, sid));
    expect(row).toMatchObject({ endReason: 'sign-out' });
  });

  test("a session id is only good for its own user; another user's id ends nothing", async () => {
    const a = await createTestAccount(db);
    const b = await createTestAccount(db);
    const sid = await createSession(db, { userId: a.userId, address: '203.0.113.2', userAgent: 'UA' });
    expect(await findOpenSession(db, sid, b.userId)).toBeNull();
    expect(await endSession(db, { userId: b.userId, sessionId: sid, reason: 'sign-out' })).toBe(false);
    await expect(endOtherSession(db, { userId: b.userId, sessionId: sid, currentSessionId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await findOpenSession(db, sid, a.userId)).not.toBeNull();
    expect(await findOpenSession(db, 'not-a-uuid', a.userId)).toBeNull();
  });

  test('listing shows created, last seen, address and browser; ending the others keeps this one', async () => {
    const { userId } = await createTestAccount(db);
    const here = await createSession(db, { userId, address: '203.0.113.3', userAgent: 'Chrome' });
    const there = await createSession(db, { userId, address: '198.51.100.3', userAgent: 'Firefox' });
    const third = await createSession(db, { userId, address: '198.51.100.4', userAgent: 'Safari' });
    const list = await listOpenSessions(db, userId);
    expect(list.map((s) => s.id).sort()).toEqual([here, there, third].sort());
    expect(list.find((s) => s.id === there)).toMatchObject({ address: '198.51.100.3', userAgent: 'Firefox' });
    await expect(endOtherSession(db, { userId, sessionId: here, currentSessionId: here })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await endOtherSession(db, { userId, sessionId: there, currentSessionId: here });
    expect((await listOpenSessions(db, userId)).map((s) => s.id).sort()).toEqual([here, third].sort());
    expect(await endAllSessions(db, { userId, reason: 'ended-by-user', exceptSessionId: here })).toBe(1);
    expect((await listOpenSessions(db, userId)).map((s) => s.id)).toEqual([here]);
  });

  test('a password change ends every session at once', async () => {
    const { userId } = await createTestAccount(db);
    const ids = await Promise.all([1, 2, 3].map((i) => createSession(db, { userId, address: `203.0.113.${i}`, userAgent: 'UA' })));
    expect(await endAllSessions(db, { userId, reason: 'password-changed' })).toBe(3);
    for (const id of ids) expect(await findOpenSession(db, id, userId)).toBeNull();
  });

  test('a suspension for violation signs the customer out everywhere', async () => {
    const { userId, accountId } = await createTestAccount(db);
    const sid = await createSession(db, { userId, address: '203.0.113.9', userAgent: 'UA' });
    const adminUserId = await createAdminUser(db, { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'x'.repeat(12) });
    const adminSid = await createSession(db, { userId: adminUserId, address: '203.0.113.10', userAgent: 'UA' });
    await suspendForViolation(db, { accountId, adminUserId, reason: 'spam' });
    expect(await findOpenSession(db, sid, userId)).toBeNull();
    expect(await findOpenSession(db, adminSid, adminUserId)).not.toBeNull();
  });

  test('an idle session past the maximum age is closed; last seen is written at most once a minute', async () => {
    const { userId } = await createTestAccount(db);
    const t0 = new Date(Date.now() - 10 * 60_000);
    const sid = await createSession(db, { userId, address: '203.0.113.11', userAgent: 'UA', now: t0 });
    const open = (await findOpenSession(db, sid, userId))!;
    await touchSession(db, open, { address: '203.0.113.12', now: new Date(t0.getTime() + 30_000) });
    expect((await findOpenSession(db, sid, userId))!.lastSeenAt).toEqual(t0);
    await touchSession(db, open, { address: '203.0.113.12', now: new Date(t0.getTime() + 90_000) });
    expect((await findOpenSession(db, sid, userId))!).toMatchObject({ lastSeenAt: new Date(t0.getTime() + 90_000), address: '203.0.113.12' });
    expect(await findOpenSession(db, sid, userId, new Date(t0.getTime() + 90_000 + SESSION_MAX_AGE_S * 1000 + 1))).toBeNull();
  });
});
