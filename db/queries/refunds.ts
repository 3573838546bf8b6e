import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { accounts, applications, packages, refundRequests, users, type RefundStatus } from '../schema';

export type RefundRequestRow = typeof refundRequests.$inferSelect;

/** A customer's refund requests, newest first, with their package. */
export async function listAccountRefundRequests(db: DbOrTx, accountId: string, limit = 20) {
  return db
    .select({ request: refundRequests, pkg: packages })
    .from(refundRequests)
    .leftJoin(packages, and(eq(packages.id, refundRequests.packageId), eq(packages.accountId, refundRequests.accountId)))
    .where(eq(refundRequests.accountId, accountId))
    .orderBy(desc(refundRequests.requestedAt), desc(refundRequests.id))
    .limit(limit);
}

/** The account's open refund request (one at a time), if any; `exceptId` leaves out the one being decided. */
export async function getOpenRefundRequest(db: DbOrTx, accountId: string, exceptId?: string): Promise<RefundRequestRow | null> {
  const [row] = await db
    .select()
    .from(refundRequests)
    .where(and(eq(refundRequests.accountId, accountId), eq(refundRequests.status, 'open'), exceptId ? ne(refundRequests.id, exceptId) : undefined))
    .limit(1);
  return row ?? null;
}

/** Ids of the open requests of these accounts (one query for a page of the admin queue). */
export async function listOpenRefundRequestIds(db: DbOrTx, accountIds: readonly string[]): Promise<{ id: string; accountId: string }[]> {
  if (accountIds.length === 0) return [];
  return db
    .select({ id: refundRequests.id, accountId: refundRequests.accountId })
    .from(refundRequests)
    .where(and(inArray(refundRequests.accountId, [...new Set(accountIds)]), eq(refundRequests.status, 'open')));
}

export const REFUND_QUEUE_SORTS = ['requestedAt', 'amount', 'decidedAt'] as const;
export type RefundQueueSort = (typeof REFUND_QUEUE_SORTS)[number];

/** Admin: refund requests by status, with account, owner, package and application. */
export async function listRefundQueue(
  db: DbOrTx,
  options: { status?: RefundStatus; accountId?: string; sort: RefundQueueSort; dir: 'asc' | 'desc'; limit: number; offset: number },
) {
  const where = and(options.status ? eq(refundRequests.status, options.status) : undefined, options.accountId ? eq(refundRequests.accountId, options.accountId) : undefined);
  const col = { requestedAt: refundRequests.requestedAt, amount: refundRequests.amount, decidedAt: refundRequests.decidedAt }[options.sort];
  const rows = await db
    .select({
      request: refundRequests,
      pkg: packages,
      accountName: accounts.name,
      accountStatus: accounts.status,
      accountSuspensionReason: accounts.suspensionReason,
      ownerEmail: users.email,
      appName: applications.name,
    })
    .from(refundRequests)
    .innerJoin(accounts, eq(accounts.id, refundRequests.accountId))
    .leftJoin(users, eq(users.accountId, accounts.id))
    .leftJoin(packages, eq(packages.id, refundRequests.packageId))
    .leftJoin(applications, eq(applications.id, packages.applicationId))
    .where(where)
    .orderBy(options.dir === 'asc' ? asc(col) : desc(col), asc(refundRequests.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(refundRequests).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function countOpenRefundRequests(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(refundRequests).where(eq(refundRequests.status, 'open'));
  return row?.n ?? 0;
}

/** Admin: one request with its account name. */
export async function getRefundRequest(db: DbOrTx, requestId: string) {
  const [row] = await db
    .select({ request: refundRequests, accountName: accounts.name })
    .from(refundRequests)
    .innerJoin(accounts, eq(accounts.id, refundRequests.accountId))
    .where(eq(refundRequests.id, requestId))
    .limit(1);
  return row ?? null;
}
