import { and, desc, eq, gt, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users, userSessions, type SessionEndReason } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { SESSION_MAX_AGE_S } from './config';

export { SESSION_MAX_AGE_S };

/**
 * Server-side sessions (issue 13 item 5). The JWT only names the row; the guard checks it
 * on every request. Real time on purpose: sessions protect the server, they are not billing.
 */
/** How stale `last_seen_at` may get before a request writes it again (one write a minute, not one a request). */
export const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export type SessionRow = typeof userSessions.$inferSelect;

export async function createSession(db: DbOrTx, input: { userId: string; address: string; userAgent: string; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const [row] = await db
    .insert(userSessions)
    .values({ userId: input.userId, address: input.address.slice(0, 100), userAgent: input.userAgent.slice(0, 400), createdAt: now, lastSeenAt: now })
    .returning({ id: userSessions.id });
  if (!row) throw new Error('session insert returned no row');
  return row.id;
}

function openSince(now: Date) {
  return gt(userSessions.lastSeenAt, new Date(now.getTime() - SESSION_MAX_AGE_S * 1000));
}

export type SessionListRow = Pick<SessionRow, 'id' | 'createdAt' | 'lastSeenAt' | 'address' | 'userAgent'>;

/** The user's open sessions, most recently used first (the security page); always scoped by user. */
export async function listOpenSessions(db: DbOrTx, userId: string, now = new Date()): Promise<SessionListRow[]> {
  return db
    .select({ id: userSessions.id, createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt, address: userSessions.address, userAgent: userSessions.userAgent })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt), openSince(now)))
    .orderBy(desc(userSessions.lastSeenAt));
}

/** The open session with this id of this user, or null (ended, idle past the maximum age, or someone else's). */
export async function findOpenSession(db: DbOrTx, sessionId: string, userId: string, now = new Date()): Promise<SessionRow | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await db
    .select()
    .from(userSessions)
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.endedAt), openSince(now)))
    .limit(1);
  return row ?? null;
}

export async function touchSession(db: DbOrTx, session: Pick<SessionRow, 'id' | 'lastSeenAt'>, input: { address: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  if (now.getTime() - session.lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS) return;
  await db
    .update(userSessions)
    .set({ lastSeenAt: now, address: input.address.slice(0, 100) })
    .where(and(eq(userSessions.id, session.id), isNull(userSessions.endedAt), lt(userSessions.lastSeenAt, now)));
}

export async function endSession(db: DbOrTx, input: { userId: string; sessionId: string; reason: SessionEndReason; now?: Date }): Promise<boolean> {
  if (!isUuid(input.sessionId)) return false;
  const rows = await db
    .update(userSessions)
    .set({ endedAt: input.now ?? new Date(), endReason: input.reason })
    .where(and(eq(userSessions.id, input.sessionId), eq(userSessions.userId, input.userId), isNull(userSessions.endedAt)))
    .returning({ id: userSessions.id });
  return rows.length > 0;
}

/** Another session of the same user, from the security page; someone else's id answers NOT_FOUND like a missing one. */
export async function endOtherSession(db: DbOrTx, input: { userId: string; sessionId: string; currentSessionId: string }): Promise<void> {
  if (input.sessionId === input.currentSessionId) {
    throw new AppError('INVALID_STATE', 'This is the session you are using; sign out instead.', { fieldErrors: { sessionId: ['Use Sign out to end this session.'] } });
  }
  if (!(await endSession(db, { userId: input.userId, sessionId: input.sessionId, reason: 'ended-by-user' }))) {
    throw new AppError('NOT_FOUND', 'That session is already ended or does not exist.');
  }
}

/** Every open session of the user (password change or reset, suspension for violation), optionally but one. */
export async function endAllSessions(db: DbOrTx, input: { userId: string; reason: SessionEndReason; exceptSessionId?: string; now?: Date }): Promise<number> {
  const rows = await db
    .update(userSessions)
    .set({ endedAt: input.now ?? new Date(), endReason: input.reason })
    .where(
      and(
        eq(userSessions.userId, input.userId),
        isNull(userSessions.endedAt),
        input.exceptSessionId && isUuid(input.exceptSessionId) ? ne(userSessions.id, input.exceptSessionId) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return rows.length;
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** Every open session of every user of an account (a suspension for violation, issue 13 item 5). */
export async function endAccountSessions(db: DbOrTx, input: { accountId: string; reason: SessionEndReason; now?: Date }): Promise<number> {
  const rows = await db
    .update(userSessions)
    .set({ endedAt: input.now ?? new Date(), endReason: input.reason })
    .where(and(isNull(userSessions.endedAt), inArray(userSessions.userId, db.select({ id: users.id }).from(users).where(eq(users.accountId, input.accountId)))))
    .returning({ id: userSessions.id });
  return rows.length;
}
