import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { testClocksEnabled } from '@/lib/clock/app-env';
import { localDate, previousMonthStart, startOfMonth, type LocalDate } from '@/lib/time/local-date';

/**
 * Usage storage partitioned by month (issue 11 item 3; migration 0014).
 *
 * Partition key: the month of `local_day`, the record's local (Asia/Shanghai, the book's
 * zone) start day, not the record's instant. Everything that reads usage asks for local
 * days (settlement of a day, monthly bills of a local month, the usage pages' day ranges,
 * reclamation's account range), so a day never spans two partitions and a month's bill
 * reads one; by instant, each local month would straddle two UTC months (00:00 Shanghai is
 * 16:00 UTC the day before) and every settlement near a month's edge would read both.
 * Retention drops whole local months, the unit bills and statements use.
 *
 * Partitions ahead: the `usage-partitions` job of the maintenance lane (lib/jobs/system-lane.ts,
 * planned through the due index like every account's jobs) runs at the start of every local
 * month and makes sure the previous month through `MONTHS_AHEAD` months ahead exist; every
 * start does the same (db/migrate.ts, after the migrations), so an insert never waits for the
 * job. The default partition is the safety net, kept on purpose: usage for a month outside
 * the window (a test-clock account living years ahead, a record replayed from long ago)
 * still lands instead of failing the batch, and the next job run (or start) moves such rows
 * into their own month's partition (`usage_partitions_ensure` carves every month it finds
 * in a default partition), so the default partition stays empty in steady state.
 *
 * Not partitioned: `usage_batches` grows with batches, not records (one row per accepted
 * batch; its Idempotency-Key index spans months, and a batch may hold several months' days),
 * and `usage_daily` with (application, day, item), not records; reclamation deletes both by
 * account with their (account, ...) indexes.
 */
export const USAGE_PARTITIONED_TABLES = ['usage_records', 'usage_aggregates'] as const;
export type UsagePartitionedTable = (typeof USAGE_PARTITIONED_TABLES)[number];

/** Months created ahead of the current local month (the month before is kept too: late records). */
export const MONTHS_AHEAD = 3;

export type UsagePartition = { table: UsagePartitionedTable; name: string; from: LocalDate | null; to: LocalDate | null };

/** Create the partitions from the month before `now`'s local month through `MONTHS_AHEAD` months ahead (idempotent). Returns how many were created. */
export async function ensureUsagePartitions(db: DbOrTx, now: Date): Promise<number> {
  const from = previousMonthStart(localDate(now));
  const rows = await db.execute<{ created: number }>(sql`select usage_partitions_ensure(${from}::date, ${MONTHS_AHEAD + 2}) as created`);
  return Number(rows[0]?.created ?? 0);
}

/** The partitions of the usage tables with their local-month bounds (`from` inclusive, `to` exclusive; null for the default partition). */
export async function usagePartitions(db: DbOrTx): Promise<UsagePartition[]> {
  const rows = await db.execute<{ parent: string; name: string; bound: string }>(sql`
    select p.relname as parent, c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname in ('usage_records', 'usage_aggregates') and p.relnamespace = 'public'::regnamespace
    order by p.relname, c.relname`);
  return rows.map((r) => {
    const m = /FROM \('(\d{4}-\d{2}-\d{2})'\) TO \('(\d{4}-\d{2}-\d{2})'\)/.exec(r.bound);
    return { table: r.parent as UsagePartitionedTable, name: r.name, from: m?.[1] ?? null, to: m?.[2] ?? null };
  });
}

/**
 * How many full local months of usage are kept. Decision (no rule in lifecycle.md; Tencent
 * Cloud keeps bill details for 24 months): 25 months in production, so the current month
 * and the 24 before it stay; none dropped in development and test unless
 * `USAGE_RETENTION_MONTHS` says so, because a test-clock account may live in any month and
 * real time says nothing about its usage being old.
 */
export function usageRetentionMonths(): number | null {
  const configured = process.env.USAGE_RETENTION_MONTHS;
  if (configured) {
    const n = Number(configured);
    if (!Number.isInteger(n) || n < 3) throw new Error(`USAGE_RETENTION_MONTHS must be a whole number of months >= 3 (got "${configured}")`);
    return n;
  }
  return testClocksEnabled() ? null : 25;
}

/** First local day still kept when `keepMonths` months (the current one included) are kept at `now`. */
export function retentionHorizon(now: Date, keepMonths: number): LocalDate {
  let m = startOfMonth(localDate(now));
  for (let i = 1; i < keepMonths; i++) m = previousMonthStart(m);
  return m;
}

/**
 * Retention: whole month partitions older than the horizon are dropped (DROP TABLE of the
 * partition: no row-by-row delete, no vacuum debt), for raw records and aggregates alike.
 * The default partition is not touched (its months are carved out first by
 * `ensureUsagePartitions`, then dropped here like any other once old).
 */
export async function dropExpiredUsagePartitions(db: DbOrTx, options: { now: Date; keepMonths: number }): Promise<{ dropped: string[]; horizon: LocalDate }> {
  if (!Number.isInteger(options.keepMonths) || options.keepMonths < 3) throw new Error('keepMonths must be a whole number >= 3');
  const horizon = retentionHorizon(options.now, options.keepMonths);
  const dropped: string[] = [];
  for (const p of await usagePartitions(db)) {
    if (p.to === null || p.to > horizon) continue;
    // The name comes from the catalog; quoted as an identifier all the same.
    await db.execute(sql`drop table ${sql.identifier(p.name)}`);
    dropped.push(p.name);
  }
  return { dropped, horizon };
}

/** What the monthly `usage-partitions` job does: months ahead (and default-partition months carved out), then retention. */
export async function maintainUsagePartitions(db: DbOrTx, now: Date): Promise<{ created: number; dropped: string[]; horizon: LocalDate | null }> {
  // Never queue ingest behind this job's locks for long: a busy moment fails it, and the job retries with backoff.
  await db.execute(sql`set local lock_timeout = '5s'`);
  const created = await ensureUsagePartitions(db, now);
  const keep = usageRetentionMonths();
  if (keep === null) return { created, dropped: [], horizon: null };
  const { dropped, horizon } = await dropExpiredUsagePartitions(db, { now, keepMonths: keep });
  return { created, dropped, horizon };
}

/**
 * Reclamation (lifecycle.md, Account: usage logs deleted for good): the account's usage rows
 * are deleted partition by partition, only in the partitions covering the account's range
 * of local days (found from its (account, local_day) index), each DELETE scoped to the
 * account: no row-by-row loop, other accounts untouched, partitions outside the range
 * never read. Returns the rows deleted per table.
 */
export async function deleteAccountUsage(db: DbOrTx, accountId: string): Promise<Record<UsagePartitionedTable, number>> {
  const partitions = await usagePartitions(db);
  const deleted: Record<UsagePartitionedTable, number> = { usage_records: 0, usage_aggregates: 0 };
  for (const table of USAGE_PARTITIONED_TABLES) {
    const [range] = await db.execute<{ first: string | null; last: string | null }>(
      sql`select min(local_day)::text as first, max(local_day)::text as last from ${sql.identifier(table)} where account_id = ${accountId}`,
    );
    if (!range?.first || !range.last) continue;
    const first = range.first;
    const last = range.last;
    for (const p of partitions) {
      if (p.table !== table) continue;
      // A month partition outside [first, last] holds none of the account's rows; the default partition may hold any month.
      if (p.from !== null && p.to !== null && (p.to <= first || p.from > last)) continue;
      const result = await db.execute(sql`delete from ${sql.identifier(p.name)} where account_id = ${accountId}`);
      deleted[table] += Number((result as unknown as { count?: number }).count ?? 0);
    }
  }
  return deleted;
}

/** The local month partition name of a day (`usage_records_p202612`): what the job and the migration create. */
export function partitionName(table: UsagePartitionedTable, day: LocalDate): string {
  return `${table}_p${day.slice(0, 4)}${day.slice(5, 7)}`;
}
