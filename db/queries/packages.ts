import { and, asc, count, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, daySettlements, freeMinuteGrants, packages, usageRecords } from '../schema';

export type PackageRow = typeof packages.$inferSelect;
export type FreeMinuteGrantRow = typeof freeMinuteGrants.$inferSelect;

/** One package of the account; another account's id answers null like a missing one. */
export async function getPackage(db: DbOrTx, accountId: string, packageId: string): Promise<PackageRow | null> {
  const [row] = await db.select().from(packages).where(and(eq(packages.accountId, accountId), eq(packages.id, packageId))).limit(1);
  return row ?? null;
}

/** Every package of one application of the account (any status). */
export async function listApplicationPackages(db: DbOrTx, accountId: string, applicationId: string): Promise<PackageRow[]> {
  return db
    .select()
    .from(packages)
    .where(and(eq(packages.accountId, accountId), eq(packages.applicationId, applicationId)))
    .orderBy(asc(packages.purchasedAt), asc(packages.id));
}

/** Every package of the account (any status), oldest first: the buy page decides every application and offer from it. */
export async function listAccountPackages(db: DbOrTx, accountId: string): Promise<PackageRow[]> {
  return db.select().from(packages).where(eq(packages.accountId, accountId)).orderBy(asc(packages.purchasedAt), asc(packages.id));
}

/** Every package of the account for one product (any status), for the Starter limits. */
export async function listAccountProductPackages(db: DbOrTx, accountId: string, product: string): Promise<PackageRow[]> {
  return db.select().from(packages).where(and(eq(packages.accountId, accountId), eq(packages.product, product)));
}

/** Active and queued packages of the account, oldest first, with their application. */
export async function listCurrentPackages(db: DbOrTx, accountId: string) {
  return db
    .select({ pkg: packages, appName: applications.name, appEnabled: applications.enabled })
    .from(packages)
    .innerJoin(applications, eq(applications.id, packages.applicationId))
    .where(and(eq(packages.accountId, accountId), inArray(packages.status, ['active', 'queued'])))
    .orderBy(asc(packages.sdkAppId), asc(packages.product), asc(packages.status), asc(packages.purchasedAt));
}

export const PACKAGE_HISTORY_SORTS = ['purchasedAt', 'validTo', 'price', 'status', 'sdkAppId'] as const;
export type PackageHistorySort = (typeof PACKAGE_HISTORY_SORTS)[number];

/** All packages of the account (history), sorted and paged. */
export async function listPackageHistory(
  db: DbOrTx,
  accountId: string,
  options: { sort: PackageHistorySort; dir: 'asc' | 'desc'; limit: number; offset: number },
) {
  const col = { purchasedAt: packages.purchasedAt, validTo: packages.validTo, price: packages.price, status: packages.status, sdkAppId: packages.sdkAppId }[options.sort];
  const where = eq(packages.accountId, accountId);
  const rows = await db
    .select({ pkg: packages, appName: applications.name })
    .from(packages)
    .innerJoin(applications, eq(applications.id, packages.applicationId))
    .where(where)
    .orderBy(options.dir === 'asc' ? asc(col) : desc(col), desc(packages.createdAt), asc(packages.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(packages).where(where);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Usage of an application at or after `since` that settlement has not deducted yet:
 * media records (the only kind package minutes cover, rating.md section 4) of a local
 * day without a settlement, or above that day's safe watermark (late usage). Used by
 * refund check (b): such usage may still be deducted from the package.
 */
export async function countUnsettledMediaUsage(db: DbOrTx, accountId: string, sdkAppId: number, since: Date): Promise<{ records: number; lastDay: string | null }> {
  const [row] = await db
    .select({ n: count(), lastDay: sql<string | null>`max(${usageRecords.localDay})::text` })
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.accountId, accountId),
        eq(usageRecords.sdkAppId, sdkAppId),
        eq(usageRecords.type, 'media'),
        gte(usageRecords.start, since),
        sql`not exists (select 1 from ${daySettlements} d where d.account_id = ${usageRecords.accountId} and d.local_day = ${usageRecords.localDay} and d.last_usage_record_id >= ${usageRecords.id})`,
      ),
    );
  return { records: row?.n ?? 0, lastDay: row?.lastDay ?? null };
}

/**
 * `countUnsettledMediaUsage` for several (application, since) pairs of one account in one
 * query (a page of package cards asks once, not once per card). Answers in the order asked.
 */
export async function countUnsettledMediaUsageMany(
  db: DbOrTx,
  accountId: string,
  watches: readonly { sdkAppId: number; since: Date }[],
): Promise<{ records: number; lastDay: string | null }[]> {
  return countUnsettledMediaUsageAcross(db, watches.map((w) => ({ ...w, accountId })));
}

/** The same for (account, application, since) triples of several accounts (the admin refund queue), in one query. */
export async function countUnsettledMediaUsageAcross(
  db: DbOrTx,
  watches: readonly { accountId: string; sdkAppId: number; since: Date }[],
): Promise<{ records: number; lastDay: string | null }[]> {
  if (watches.length === 0) return [];
  const values = sql.join(
    watches.map((w, i) => sql`(${i}::int, ${w.accountId}::uuid, ${w.sdkAppId}::bigint, ${w.since.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const rows = await db.execute<{ i: number; n: number; last_day: string | null }>(sql`
    select w.i, count(u.id)::int as n, max(u.local_day)::text as last_day
    from (values ${values}) as w(i, account_id, sdk_app_id, since)
    left join ${usageRecords} u
      on u.account_id = w.account_id and u.sdk_app_id = w.sdk_app_id and u.type = 'media' and u.start >= w.since
      and not exists (select 1 from ${daySettlements} d where d.account_id = u.account_id and d.local_day = u.local_day and d.last_usage_record_id >= u.id)
    group by w.i`);
  const byIndex = new Map(Array.from(rows, (r) => [Number(r.i), { records: Number(r.n), lastDay: r.last_day ?? null }]));
  return watches.map((_, i) => byIndex.get(i) ?? { records: 0, lastDay: null });
}

/** The free-minute grant of the cycle starting `validFrom`, if granted. */
export async function getFreeMinuteGrant(db: DbOrTx, accountId: string, validFrom: string): Promise<FreeMinuteGrantRow | null> {
  const [row] = await db
    .select()
    .from(freeMinuteGrants)
    .where(and(eq(freeMinuteGrants.accountId, accountId), eq(freeMinuteGrants.validFrom, validFrom)))
    .limit(1);
  return row ?? null;
}

/** Ids of active packages whose validity ended before `untilLocalDate` (their expiry instant has passed). */
export async function listActivePackagesEndingBefore(db: DbOrTx, accountId: string, untilLocalDate: string): Promise<string[]> {
  const rows = await db
    .select({ id: packages.id })
    .from(packages)
    .where(and(eq(packages.accountId, accountId), eq(packages.status, 'active'), lt(packages.validTo, untilLocalDate)))
    .orderBy(asc(packages.validTo), asc(packages.purchasedAt), asc(packages.id));
  return rows.map((r) => r.id);
}

/** The package queued behind another of the same application and product. */
export async function getQueuedPackage(db: DbOrTx, accountId: string, applicationId: string, product: string): Promise<PackageRow | null> {
  const [row] = await db
    .select()
    .from(packages)
    .where(and(eq(packages.accountId, accountId), eq(packages.applicationId, applicationId), eq(packages.product, product), eq(packages.status, 'queued'), ne(packages.product, 'universal')))
    .orderBy(asc(packages.purchasedAt))
    .limit(1);
  return row ?? null;
}
