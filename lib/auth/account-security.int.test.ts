import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { authTokens, users } from '@/db/schema';
import { createTestAccount } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { changePassword, requestPasswordReset, resetPassword, resetTokenIsUsable, verifyEmailAddress } from './account-security';
import { hashPassword, verifyPassword } from './password';
import { createSession, findOpenSession } from './sessions';
import { consumeAuthToken, hashToken, issueAuthToken, TOKEN_TTL_MS } from './tokens';

const { db } = testDb();
const address = () => `192.0.2.${Math.floor(Math.random() * 250)}`;

async function userWithPassword(password: string) {
  const t = await createTestAccount(db, { name: 'Mei Chen' });
  await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, t.userId));
  return t;
}

describe('one-time tokens (issue 13 items 6, 7)', () => {
  test('single use, expiring, only the hash stored, a new one retires the old', async () => {
    const { userId } = await createTestAccount(db);
    const token = await issueAuthToken(db, { userId, purpose: 'password-reset' });
    const [row] = await db.select().from(authTokens).where(eq(authTokens.userId, userId));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(row!.tokenHash).not.toContain(token);
    expect(await consumeAuthToken(db, { token, purpose: 'email-verification' })).toBeNull();
    expect(await consumeAuthToken(db, { token, purpose: 'password-reset' })).toBe(userId);
    expect(await consumeAuthToken(db, { token, purpose: 'password-reset' })).toBeNull();

    const t0 = new Date();
    const old = await issueAuthToken(db, { userId, purpose: 'password-reset', now: t0 });
    const latest = await issueAuthToken(db, { userId, purpose: 'password-reset', now: t0 });
    expect(await consumeAuthToken(db, { token: old, purpose: 'password-reset' })).toBeNull();
    expect(await consumeAuthToken(db, { token: latest, purpose: 'password-reset', now: new Date(t0.getTime() + TOKEN_TTL_MS['password-reset'] + 1) })).toBeNull();
    expect(await consumeAuthToken(db, { token: latest, purpose: 'password-reset', now: new Date(t0.getTime() + 60_000) })).toBe(userId);
  });
});

describe('password change (issue 13 items 5, 6)', () => {
  test('checks the current password, applies the policy, ends every session', async () => {
    const { userId } = await userWithPassword('old-password-that-is-long');
    const sessions = await Promise.all([1, 2].map(() => createSession(db, { userId, address: address(), userAgent: 'UA' })));
    await expect(changePassword(db, { userId, currentPassword: 'wrong-password-here', newPassword: 'violet-tractor-91-oolong', address: address() })).rejects.toMatchObject({
      fieldErrors: { currentPassword: ['Current password is not correct.'] },
    });
    await expect(changePassword(db, { userId, currentPassword: 'old-password-that-is-long', newPassword: 'password1234', address: address() })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { newPassword: [expect.stringMatching(/too common/)] },
    });
    // A refused change changed nothing.
    for (const sid of sessions) expect(await findOpenSession(db, sid, userId)).not.toBeNull();
    const { endedSessions } = await changePassword(db, { userId, currentPassword: 'old-password-that-is-long', newPassword: 'violet-tractor-91-oolong', address: address() });
    expect(endedSessions).toBe(2);
    for (const sid of sessions) expect(await findOpenSession(db, sid, userId)).toBeNull();
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword('violet-tractor-91-oolong', u!.passwordHash)).toBe(true);
    expect(u!.passwordChangedAt).not.toBeNull();
  });
});

describe('password reset (issue 13 item 6)', () => {
  test('a link sets the password once and ends every session; a weak password keeps the link usable', async () => {
    const { userId } = await userWithPassword('old-password-that-is-long');
    const sid = await createSession(db, { userId, address: address(), userAgent: 'UA' });
    const token = await issueAuthToken(db, { userId, purpose: 'password-reset' });
    expect(await resetTokenIsUsable(db, token)).toBe(true);
    await expect(resetPassword(db, { token, newPassword: '1234567890ab' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await resetTokenIsUsable(db, token)).toBe(true);
    await resetPassword(db, { token, newPassword: 'another-strong-passphrase' });
    expect(await findOpenSession(db, sid, userId)).toBeNull();
    await expect(resetPassword(db, { token, newPassword: 'yet-another-passphrase-9' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword('another-strong-passphrase', u!.passwordHash)).toBe(true);
  });

  test('two submits of one link race: exactly one wins', async () => {
    const { userId } = await createTestAccount(db);
    const token = await issueAuthToken(db, { userId, purpose: 'password-reset' });
    const results = await Promise.allSettled([resetPassword(db, { token, newPassword: 'first-strong-passphrase' }), resetPassword(db, { token, newPassword: 'second-strong-passphrase' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  test('asking for a link answers the same for unknown addresses and is limited per client', async () => {
    const { email, userId } = await createTestAccount(db);
    const client = address() + '-reset';
    await requestPasswordReset(db, { email, address: client });
    await requestPasswordReset(db, { email: `nobody-${randomUUID()}@example.test`, address: client });
    const tokens = await db.select().from(authTokens).where(eq(authTokens.userId, userId));
    expect(tokens).toHaveLength(1);
    for (let i = 0; i < 8; i++) await requestPasswordReset(db, { email: `nobody-${randomUUID()}@example.test`, address: client });
    await expect(requestPasswordReset(db, { email, address: client })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('email verification (issue 13 item 7)', () => {
  test('the link confirms the address once', async () => {
    const { userId } = await createTestAccount(db);
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, userId));
    const token = await issueAuthToken(db, { userId, purpose: 'email-verification' });
    expect(await verifyEmailAddress(db, 'x'.repeat(43))).toBe(false);
    expect(await verifyEmailAddress(db, token)).toBe(true);
    expect(await verifyEmailAddress(db, token)).toBe(false);
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    expect(u!.emailVerifiedAt).not.toBeNull();
  });
});
