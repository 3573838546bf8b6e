import { and, count, desc, eq, ilike } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { accounts, auditLog, users } from '../schema';
import { escapeLike } from './ledger';

export type AuditRow = typeof auditLog.$inferSelect;

/** Admin: the audit log, newest first, optionally for one account or action prefix. */
export async function listAuditLog(db: DbOrTx, options: { accountId?: string; action?: string; limit: number; offset: number; dir?: 'asc' | 'desc' }) {
  const where = and(
    options.accountId ? eq(auditLog.accountId, options.accountId) : undefined,
    options.action ? ilike(auditLog.action, `${escapeLike(options.action)}%`) : undefined,
  );
  const rows = await db
    .select({ entry: auditLog, accountName: accounts.name, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.accountId))
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(options.dir === 'asc' ? auditLog.id : desc(auditLog.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** What the reclamation of an account removed, from its audit row (lib/enforcement reclaimAccount), or null if none. */
export async function getReclamationDetails(db: DbOrTx, accountId: string): Promise<{ at: Date; details: { applications?: number[]; usageRecords?: number; packages?: number } } | null> {
  const [row] = await db
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, 'account.reclaimed')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ? { at: row.at, details: (row.details ?? {}) as { applications?: number[]; usageRecords?: number; packages?: number } } : null;
}
