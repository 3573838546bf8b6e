import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userSessions } from '@/db/schema';
import { SESSION_MAX_AGE_S } from '@/lib/auth/session-age';

export type SessionListRow = Pick<typeof userSessions.$inferSelect, 'id' | 'createdAt' | 'lastSeenAt' | 'address' | 'userAgent'>;

/** The user's open sessions, most recently used first (the security page); always scoped by user. */
export async function listOpenSessions(db: DbOrTx, userId: string, now = new Date()): Promise<SessionListRow[]> {
  return db
    .select({ id: userSessions.id, createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt, address: userSessions.address, userAgent: userSessions.userAgent })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt), gt(userSessions.lastSeenAt, new Date(now.getTime() - SESSION_MAX_AGE_S * 1000))))
    .orderBy(desc(userSessions.lastSeenAt));
}
