import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts, applications, jobRuns, testClocks, users } from '@/db/schema';

/** Accounts a developer may pick: every account for an admin, their own for a customer. */
export async function listPickableAccounts(db: DbOrTx, user: { role: 'admin' | 'customer'; accountId: string | null }) {
  const own = user.role === 'admin' ? undefined : user.accountId;
  if (own === null) return [];
  return db
    .select({ id: accounts.id, name: accounts.name, status: accounts.status, currency: accounts.currency, email: sql<string | null>`min(${users.email})`, clock: testClocks.now })
    .from(accounts)
    .leftJoin(users, eq(users.accountId, accounts.id))
    .leftJoin(testClocks, eq(testClocks.accountId, accounts.id))
    .where(own === undefined ? undefined : eq(accounts.id, own))
    .groupBy(accounts.id, testClocks.now)
    .orderBy(asc(accounts.name))
    .limit(500);
}

export type DevAccount = NonNullable<Awaited<ReturnType<typeof getDevAccount>>>;

/** The account as the developer page shows it (scoped by id). */
export async function getDevAccount(db: DbOrTx, accountId: string) {
  const [row] = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      status: accounts.status,
      suspensionReason: accounts.suspensionReason,
      overdueSince: accounts.overdueSince,
      suspendedAt: accounts.suspendedAt,
      reclaimedAt: accounts.reclaimedAt,
      balance: accounts.balance,
      currency: accounts.currency,
      registeredAt: accounts.registeredAt,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  return row ?? null;
}

export async function listAccountApplications(db: DbOrTx, accountId: string) {
  return db
    .select({ sdkAppId: applications.sdkAppId, name: applications.name, edition: applications.edition, enabled: applications.enabled, freeExhaustedAt: applications.freeExhaustedAt })
    .from(applications)
    .where(eq(applications.accountId, accountId))
    .orderBy(asc(applications.sdkAppId));
}

/** What ran for an account, newest first (the developer page's timeline). */
export async function listAccountRuns(db: DbOrTx, accountId: string, limit = 50) {
  return db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.accountId, accountId)))
    .orderBy(desc(jobRuns.id))
    .limit(limit);
}
