import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, billLines, packages, usageKeys, usageRecords } from '../schema';

export type ApplicationRow = typeof applications.$inferSelect;

/** An account's applications; always scoped by account id. */
export async function listApplications(db: DbOrTx, accountId: string, order: { sort?: 'name' | 'sdkAppId' | 'createdAt' | 'edition'; dir?: 'asc' | 'desc' } = {}): Promise<ApplicationRow[]> {
  const col =
    order.sort === 'name' ? applications.name : order.sort === 'createdAt' ? applications.createdAt : order.sort === 'edition' ? applications.edition : applications.sdkAppId;
  return db
    .select()
    .from(applications)
    .where(eq(applications.accountId, accountId))
    .orderBy(order.dir === 'desc' ? desc(col) : asc(col), asc(applications.sdkAppId));
}

/** One application by SDKAppID, only if it belongs to the account (another account's answers as missing). */
export async function getApplication(db: DbOrTx, accountId: string, sdkAppId: number): Promise<ApplicationRow | null> {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.accountId, accountId), eq(applications.sdkAppId, sdkAppId)))
    .limit(1);
  return row ?? null;
}

/** One application by id, only if it belongs to the account. */
export async function getApplicationById(db: DbOrTx, accountId: string, applicationId: string): Promise<ApplicationRow | null> {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.accountId, accountId), eq(applications.id, applicationId)))
    .limit(1);
  return row ?? null;
}

/** What keeps an application from being deleted: its packages, usage records and bill lines. */
export async function applicationFootprint(db: DbOrTx, accountId: string, app: Pick<ApplicationRow, 'id' | 'sdkAppId'>) {
  const [pk] = await db
    .select({ n: count(), open: sql<number>`count(*) filter (where ${inArray(packages.status, ['active', 'queued'])})::int` })
    .from(packages)
    .where(and(eq(packages.accountId, accountId), eq(packages.applicationId, app.id)));
  const [usage] = await db
    .select({ n: count() })
    .from(sql`(select 1 from ${usageRecords} where ${usageRecords.accountId} = ${accountId} and ${usageRecords.sdkAppId} = ${app.sdkAppId} limit 1) u`);
  const [lines] = await db
    .select({ n: count() })
    .from(sql`(select 1 from ${billLines} where ${billLines.accountId} = ${accountId} and ${billLines.sdkAppId} = ${app.sdkAppId} limit 1) b`);
  return { packages: pk?.n ?? 0, openPackages: pk?.open ?? 0, hasUsage: (usage?.n ?? 0) > 0, hasBillLines: (lines?.n ?? 0) > 0 };
}

export type UsageKeyRow = Omit<typeof usageKeys.$inferSelect, 'secretKeyHash'>;

/** An account's usage keys (issue 11: account-level signers of the usage API), newest first; never the key hash. */
export async function listUsageKeys(db: DbOrTx, accountId: string): Promise<UsageKeyRow[]> {
  return db
    .select({ id: usageKeys.id, accountId: usageKeys.accountId, name: usageKeys.name, secretKeyHint: usageKeys.secretKeyHint, createdAt: usageKeys.createdAt, revokedAt: usageKeys.revokedAt, lastUsedAt: usageKeys.lastUsedAt })
    .from(usageKeys)
    .where(eq(usageKeys.accountId, accountId))
    .orderBy(desc(usageKeys.createdAt), asc(usageKeys.id));
}
