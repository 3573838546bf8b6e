import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications } from '../schema';

export type ApplicationRow = typeof applications.$inferSelect;

/** An account's applications; always scoped by account id. */
export async function listApplications(db: DbOrTx, accountId: string, order: { sort?: 'name' | 'sdkAppId' | 'createdAt'; dir?: 'asc' | 'desc' } = {}): Promise<ApplicationRow[]> {
  const col = order.sort === 'name' ? applications.name : order.sort === 'createdAt' ? applications.createdAt : applications.sdkAppId;
  return db
    .select()
    .from(applications)
    .where(eq(applications.accountId, accountId))
    .orderBy(order.dir === 'desc' ? desc(col) : asc(col));
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
