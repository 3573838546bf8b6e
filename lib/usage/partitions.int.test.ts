import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { dropDatabase, ensureDatabase } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { accounts, jobPlannerState, jobs, usageAggregates, usageRecords } from '@/db/schema';
import { createTestAccount } from '@/tests/factories';
import { insertUsage, mediaRecord } from '@/lib/settlement/test-support';
import { drainAccount } from '@/lib/jobs/runner';
import { nextDueInstant } from '@/lib/jobs/schedule';
import { SYSTEM_LANE_ID, nextSystemMonth } from '@/lib/jobs/system-lane';
import { reclaimAccount } from '@/lib/enforcement/service';
import { localDate, previousMonthStart, startOfMonth } from '@/lib/time/local-date';
import { deleteAccountUsage, dropExpiredUsagePartitions, ensureUsagePartitions, partitionName, usagePartitions } from './partitions';

/**
 * Usage partitioned by month (issue 11 item 3). Partitions are dropped here, so the file
 * runs on a database of its own (the shared one holds the other files' usage).
 */
let handle: DbHandle;
let adminUrl = '';
const name = `it_partitions_${process.pid}_${Date.now()}`;
beforeAll(async () => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = '/postgres';
  adminUrl = u.toString();
  await ensureDatabase(adminUrl, name);
  u.pathname = `/${name}`;
  await runMigrations(u.toString());
  handle = createDb(u.toString(), { max: 4 });
}, 120_000);
afterAll(async () => {
  await handle?.close();
  await dropDatabase(adminUrl, name).catch(() => {});
});

const APP = 1400000001;
const rec = (start: string) => mediaRecord({ app: APP, start, seconds: 60 });
async function addAggregate(accountId: string, day: string) {
  await handle.db.insert(usageAggregates).values({ accountId, localDay: day, sdkAppId: APP, item: 'audio', throughId: 1, seconds: 60, windows: [0], windowSeconds: [60], samples: [1] });
}
const where = async (table: 'usage_records' | 'usage_aggregates', accountId: string) =>
  (
    await handle.db.execute<{ part: string; n: number }>(
      sql`select tableoid::regclass::text as part, count(*)::int as n from ${sql.identifier(table)} where account_id = ${accountId} group by 1 order by 1`,
    )
  ).map((r) => `${r.part}:${r.n}`);

describe('usage partitions (lib/usage/partitions.ts, migration 0014)', () => {
  test('migrate made last month through three months ahead for both tables, plus a default partition; rows go to their month', async () => {
    const { db } = handle;
    const month = startOfMonth(localDate(new Date()));
    const names = (await usagePartitions(db)).map((p) => p.name);
    for (const table of ['usage_records', 'usage_aggregates'] as const) {
      expect(names).toContain(`${table}_default`);
      expect(names).toContain(partitionName(table, previousMonthStart(month)));
      expect(names).toContain(partitionName(table, month));
    }
    const { accountId } = await createTestAccount(db);
    const day = localDate(new Date());
    await insertUsage(db, accountId, [rec(`${day}T10:00:00+08:00`)]);
    await addAggregate(accountId, day);
    expect(await where('usage_records', accountId)).toEqual([`${partitionName('usage_records', day)}:1`]);
    expect(await where('usage_aggregates', accountId)).toEqual([`${partitionName('usage_aggregates', day)}:1`]);
  });

  test('a month outside the window lands in the default partition, and the next ensure moves it into its own month', async () => {
    const { db } = handle;
    const { accountId } = await createTestAccount(db);
    await insertUsage(db, accountId, [rec('2031-05-02T10:00:00+08:00'), rec('2031-05-20T10:00:00+08:00')]);
    await addAggregate(accountId, '2031-05-02');
    expect(await where('usage_records', accountId)).toEqual(['usage_records_default:2']);
    const created = await ensureUsagePartitions(db, new Date());
    expect(created).toBe(2); // the May 2031 partition of each table
    expect(await where('usage_records', accountId)).toEqual(['usage_records_p203105:2']);
    expect(await where('usage_aggregates', accountId)).toEqual(['usage_aggregates_p203105:1']);
    const [left] = await db.execute<{ n: number }>(sql`select count(*)::int as n from usage_records_default`);
    expect(left!.n).toBe(0);
    expect(await ensureUsagePartitions(db, new Date())).toBe(0); // idempotent
  });

  test('reclamation deletes the account’s usage in the partitions covering its days only; another account in the same months is untouched', async () => {
    const { db } = handle;
    const a = (await createTestAccount(db)).accountId;
    const b = (await createTestAccount(db)).accountId;
    const day = localDate(new Date());
    for (const id of [a, b]) {
      await insertUsage(db, id, [rec(`${day}T09:00:00+08:00`), rec('2031-05-03T09:00:00+08:00'), rec('2035-01-01T09:00:00+08:00')]);
      await addAggregate(id, day);
      await addAggregate(id, '2031-05-03');
    }
    const before = { records: await where('usage_records', b), aggregates: await where('usage_aggregates', b) };
    expect(before.records).toContain('usage_records_default:1'); // 2035: no partition
    const deleted = await db.transaction((tx) => deleteAccountUsage(tx, a));
    expect(deleted).toEqual({ usage_records: 3, usage_aggregates: 2 });
    expect(await where('usage_records', a)).toEqual([]);
    expect(await where('usage_aggregates', a)).toEqual([]);
    expect(await where('usage_records', b)).toEqual(before.records);
    expect(await where('usage_aggregates', b)).toEqual(before.aggregates);
  });

  test('reclaimAccount removes the usage through the partitions (records counted) and keeps other accounts’ rows', async () => {
    const { db } = handle;
    const a = (await createTestAccount(db)).accountId;
    const b = (await createTestAccount(db)).accountId;
    for (const id of [a, b]) await insertUsage(db, id, [rec('2031-05-04T09:00:00+08:00'), rec('2031-05-05T09:00:00+08:00')]);
    const suspendedAt = new Date('2031-01-01T00:00:00Z');
    await db
      .update(accounts)
      .set({ status: 'suspended', suspensionReason: 'arrears', suspendedAt, overdueSince: suspendedAt, balance: sql`-1` })
      .where(eq(accounts.id, a));
    const result = await db.transaction((tx) => reclaimAccount(tx, a, suspendedAt, new Date('2031-06-01T00:00:00Z')));
    expect(result.outcome).toBe('reclaimed');
    expect(result.details?.usageRecords).toBe(2);
    expect(await db.$count(usageRecords, eq(usageRecords.accountId, a))).toBe(0);
    expect(await db.$count(usageRecords, eq(usageRecords.accountId, b))).toBe(2);
  });

  test('retention drops whole month partitions older than the horizon (both tables) and keeps the recent ones with their rows', async () => {
    const { db } = handle;
    const { accountId } = await createTestAccount(db);
    await db.execute(sql`select usage_month_partition('usage_records', '2020-02-01'), usage_month_partition('usage_aggregates', '2020-02-01')`);
    await insertUsage(db, accountId, [rec('2020-02-10T10:00:00+08:00'), rec('2031-05-06T10:00:00+08:00')]);
    await addAggregate(accountId, '2020-02-10');
    expect(await where('usage_records', accountId)).toEqual(['usage_records_p202002:1', 'usage_records_p203105:1']);
    // Keeping 3 months at 2031-06: 2031-04 onwards stays.
    const { dropped, horizon } = await db.transaction((tx) => dropExpiredUsagePartitions(tx, { now: new Date('2031-06-15T00:00:00Z'), keepMonths: 3 }));
    expect(horizon).toBe('2031-04-01');
    expect(dropped).toContain('usage_records_p202002');
    expect(dropped).toContain('usage_aggregates_p202002');
    expect(dropped).not.toContain('usage_records_p203105');
    const names = (await usagePartitions(db)).map((p) => p.name);
    expect(names).not.toContain('usage_records_p202002');
    expect(names).toContain('usage_records_p203105');
    expect(names).toContain('usage_records_default');
    expect(await where('usage_records', accountId)).toEqual(['usage_records_p203105:1']);
    expect(await where('usage_aggregates', accountId)).toEqual([]);
  });

  test('the maintenance lane is planned through the due index: its monthly job runs once, then it is due at the next local month', async () => {
    const { db } = handle;
    const [state] = await db.select().from(jobPlannerState).where(eq(jobPlannerState.accountId, SYSTEM_LANE_ID));
    expect(state).toBeDefined();
    const now = new Date();
    const r = await drainAccount(db, SYSTEM_LANE_ID, { until: now, now: () => now, workerId: 't', lock: 'wait' });
    expect(r.ran.map((s) => [s.kind, s.outcome])).toEqual([['usage-partitions', 'succeeded']]);
    const [job] = await db.select().from(jobs).where(eq(jobs.accountId, SYSTEM_LANE_ID));
    expect(job!.key).toBe(`usage-partitions:${localDate(now).slice(0, 7)}`);
    expect(await nextDueInstant(db, SYSTEM_LANE_ID, now)).toEqual(nextSystemMonth(now));
    const [after] = await db.select().from(jobPlannerState).where(eq(jobPlannerState.accountId, SYSTEM_LANE_ID));
    expect(after!.nextDueAt).toEqual(nextSystemMonth(now));
    const again = await drainAccount(db, SYSTEM_LANE_ID, { until: now, now: () => now, workerId: 't', lock: 'wait' });
    expect(again.ran).toEqual([]);
  });
});
