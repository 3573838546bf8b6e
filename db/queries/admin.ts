import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { accounts, accountStatusHistory, applications, users } from '../schema';

/** An account's status history, newest first (admin account page). */
export async function listStatusHistory(db: DbOrTx, accountId: string, limit = 50) {
  return db
    .select({ entry: accountStatusHistory, actorEmail: users.email })
    .from(accountStatusHistory)
    .leftJoin(users, eq(users.id, accountStatusHistory.actorUserId))
    .where(eq(accountStatusHistory.accountId, accountId))
    .orderBy(desc(accountStatusHistory.at), desc(accountStatusHistory.id))
    .limit(limit);
}

/** The account's owner (a customer owns exactly one account). */
export async function getAccountOwner(db: DbOrTx, accountId: string) {
  const [row] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.accountId, accountId)).limit(1);
  return row ?? null;
}

/** Suspended accounts (arrears and violation), longest suspended first. */
export async function listSuspendedAccounts(db: DbOrTx) {
  return db
    .select({ account: accounts, ownerEmail: users.email })
    .from(accounts)
    .leftJoin(users, eq(users.accountId, accounts.id))
    .where(eq(accounts.status, 'suspended'))
    .orderBy(asc(accounts.suspendedAt), asc(accounts.id));
}

/** Free-edition applications suspended for having used up the month's free minutes. */
export async function listFreeExhaustedApplications(db: DbOrTx) {
  return db
    .select({ app: applications, accountName: accounts.name })
    .from(applications)
    .innerJoin(accounts, eq(accounts.id, applications.accountId))
    .where(and(isNotNull(applications.freeExhaustedAt), eq(applications.edition, 'free')))
    .orderBy(asc(applications.freeExhaustedAt));
}
