import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { capturedEmails } from '@/db/schema';

export type MailboxScope = { role: 'admin' } | { role: 'customer'; accountId: string; email: string };

/**
 * The capture mailbox (development and test), newest first. An admin sees every message;
 * a customer those about their account (`X-Account-Id`) or addressed to their own login.
 * `to` keeps messages with that envelope recipient (case-insensitive).
 */
export async function listCapturedEmails(db: DbOrTx, scope: MailboxScope, filter: { to?: string; limit?: number } = {}) {
  const where: SQL[] = [];
  if (scope.role === 'customer') {
    const own = or(eq(capturedEmails.accountId, scope.accountId), sql`${scope.email.toLowerCase()} = any(${capturedEmails.envelopeTo})`);
    if (own) where.push(own);
  }
  if (filter.to) where.push(sql`${filter.to.trim().toLowerCase()} = any(${capturedEmails.envelopeTo})`);
  return db
    .select()
    .from(capturedEmails)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(capturedEmails.id))
    .limit(Math.min(filter.limit ?? 100, 500));
}

export type CapturedEmail = Awaited<ReturnType<typeof listCapturedEmails>>[number];
