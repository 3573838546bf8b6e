import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { accounts, applications, users } from '../schema';
import { escapeLike } from './like';

export type AccountRow = typeof accounts.$inferSelect;

export async function getAccount(db: DbOrTx, accountId: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return row ?? null;
}

export const ADMIN_ACCOUNT_SORTS = ['name', 'balance', 'status', 'registeredAt'] as const;
export type AdminAccountSort = (typeof ADMIN_ACCOUNT_SORTS)[number];

/** Admin: search accounts by name, owner email or id, with their owner and application count. */
export async function searchAccounts(
  db: DbOrTx,
  options: { q?: string; status?: AccountRow['status']; sort: AdminAccountSort; dir: 'asc' | 'desc'; limit: number; offset: number },
) {
  const q = options.q?.trim();
  const where = and(
    q
      ? or(ilike(accounts.name, `%${escapeLike(q)}%`), ilike(users.email, `%${escapeLike(q)}%`), sql`${accounts.id}::text = ${q}`, sql`exists (select 1 from ${applications} a where a.account_id = ${accounts.id} and a.sdk_app_id::text = ${q})`)
      : undefined,
    options.status ? eq(accounts.status, options.status) : undefined,
  );
  const sortCol = { name: accounts.name, balance: accounts.balance, status: accounts.status, registeredAt: accounts.registeredAt }[options.sort];
  const rows = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      currency: accounts.currency,
      priceBookId: accounts.priceBookId,
      status: accounts.status,
      suspensionReason: accounts.suspensionReason,
      balance: accounts.balance,
      registeredAt: accounts.registeredAt,
      ownerEmail: users.email,
      applicationCount: sql<number>`(select count(*)::int from ${applications} a where a.account_id = ${accounts.id})`,
    })
    .from(accounts)
    .leftJoin(users, eq(users.accountId, accounts.id))
    .where(where)
    .orderBy(options.dir === 'asc' ? asc(sortCol) : desc(sortCol), asc(accounts.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(accounts).leftJoin(users, eq(users.accountId, accounts.id)).where(where);
  return { rows, total: total?.n ?? 0 };
}
