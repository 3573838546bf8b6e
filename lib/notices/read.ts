import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { notifications } from '@/db/schema';
import { accountNow } from '@/lib/clock';
import { AppError } from '@/lib/errors';

/**
 * Mark one of the account's notices read. Another account's notice answers NOT_FOUND, like a
 * missing one (guide: Ownership); an already read notice stays as it was.
 */
export async function markNoticeRead(db: Database, accountId: string, noticeId: number): Promise<{ changed: boolean }> {
  const now = await accountNow(db, accountId);
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, noticeId), eq(notifications.accountId, accountId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (updated.length > 0) return { changed: true };
  const [exists] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, noticeId), eq(notifications.accountId, accountId)))
    .limit(1);
  if (!exists) throw new AppError('NOT_FOUND', 'Notice not found.', { fieldErrors: { noticeId: ['Notice not found.'] } });
  return { changed: false };
}

/** Mark every unread notice of the account read; returns how many changed. */
export async function markAllNoticesRead(db: Database, accountId: string): Promise<number> {
  const now = await accountNow(db, accountId);
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}
