import { and, count, desc, eq, inArray, isNull, isNotNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { notifications } from '@/db/schema';
import { NOTICE_GROUPS, type NoticeGroup } from './kinds';

export type NoticeListRow = typeof notifications.$inferSelect;
export type NoticeFilter = { group?: NoticeGroup; read?: 'unread' | 'read' };

function where(accountId: string, f: NoticeFilter): SQL | undefined {
  return and(
    eq(notifications.accountId, accountId),
    f.group ? inArray(notifications.kind, [...NOTICE_GROUPS[f.group]]) : undefined,
    f.read === 'unread' ? isNull(notifications.readAt) : f.read === 'read' ? isNotNull(notifications.readAt) : undefined,
  );
}

/**
 * An account's notices, newest first, filtered by kind group and read state, one page at a
 * time: the message center and the overview read through this (lifecycle.md, Notices).
 */
export async function listNotices(db: DbOrTx, accountId: string, options: NoticeFilter & { limit: number; offset?: number }): Promise<{ rows: NoticeListRow[]; total: number }> {
  const w = where(accountId, options);
  const rows = await db
    .select()
    .from(notifications)
    .where(w)
    .orderBy(desc(notifications.at), desc(notifications.id))
    .limit(options.limit)
    .offset(options.offset ?? 0);
  const [total] = await db.select({ n: count() }).from(notifications).where(w);
  return { rows, total: total?.n ?? 0 };
}

/** Unread notices of an account: the count on the console shell. */
export async function countUnreadNotices(db: DbOrTx, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** A customer's latest notices (the overview): the message center's query, first page. */
export async function listNotifications(db: DbOrTx, accountId: string, limit = 5): Promise<NoticeListRow[]> {
  return (await listNotices(db, accountId, { limit })).rows;
}
