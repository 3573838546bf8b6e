import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { dropDatabase, ensureDatabase } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { accounts, bills, jobPlannerState, jobRuns, jobs, testClocks } from '@/db/schema';
import { createTestAccount, createTestApplication, setTestClock } from '@/tests/factories';
import { insertUsage, mediaRecord } from '@/lib/settlement/test-support';
import { addDays, localDate, startOfLocalDay } from '@/lib/time/local-date';
import { planAccount } from './plan-account';
import { JOB_LEASE_MS } from './runner';
import { claimDueAccounts, nextDueInstant } from './schedule';
import { workerTick } from './worker-loop';

/**
 * The due index and the real-time loop (issue 11, jobs planned by events). The loop claims
 * every due account of its database, so these tests run on a database of their own (the
 * shared one holds the other files' accounts, which must not be drained behind their back).
 */
let handle: DbHandle;
let adminUrl = '';
const name = `it_schedule_${process.pid}_${Date.now()}`;
beforeAll(async () => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = '/postgres';
  adminUrl = u.toString();
  await ensureDatabase(adminUrl, name);
  u.pathname = `/${name}`;
  await runMigrations(u.toString());
  handle = createDb(u.toString(), { max: 12 });
}, 120_000);
afterAll(async () => {
  await handle?.close();
  await dropDatabase(adminUrl, name).catch(() => {});
});

const quiet = { log: () => {} };
const today = () => localDate(new Date());
/** An account registered at 00:00 local two days ago, in real time. */
async function recentAccount(balance = '1000') {
  const registeredAt = startOfLocalDay(addDays(today(), -2));
  const { accountId } = await createTestAccount(handle.db, { balance, registeredAt });
  return { accountId, registeredAt };
}
async function entry(accountId: string) {
  const [s] = await handle.db.select().from(jobPlannerState).where(eq(jobPlannerState.accountId, accountId));
  return s;
}
const runsOf = async (accountId: string) => (await handle.db.select().from(jobRuns).where(eq(jobRuns.accountId, accountId))).length;

describe('the due index (lib/jobs/schedule.ts)', () => {
  test('a new account is due at once; after its drain the index holds its next job (tomorrow 00:00 local), and an idle pass runs nothing', async () => {
    const { db } = handle;
    const { accountId } = await recentAccount();
    expect((await entry(accountId))!.nextDueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const first = await workerTick(db, { workerId: 'w', ...quiet });
    const mine = first.filter((r) => r.key.includes(accountId) && r.kind !== 'monthly').map((r) => r.kind);
    expect(mine.sort()).toEqual(['free-minutes', 'settle', 'settle']); // the two ended days and the first grant
    const tomorrow = startOfLocalDay(addDays(today(), 1));
    expect((await entry(accountId))!.nextDueAt).toEqual(tomorrow);
    expect(await nextDueInstant(db, accountId)).toEqual(tomorrow);
    const runs = await runsOf(accountId);
    expect(await workerTick(db, { workerId: 'w', ...quiet })).toEqual([]);
    expect(await runsOf(accountId)).toBe(runs);
  });

  test('a change the planner reads writes the index: an overdue account gets its warning at O+20h and is suspended at O+24h', async () => {
    const { db } = handle;
    const { accountId } = await recentAccount();
    await workerTick(db, { workerId: 'w', ...quiet });
    // Overdue 25 hours ago (a status change: the trigger makes the account due now).
    const overdueSince = new Date(Date.now() - 25 * 3_600_000);
    await db.update(accounts).set({ status: 'overdue', overdueSince, balance: sql`-5` }).where(eq(accounts.id, accountId));
    expect((await entry(accountId))!.nextDueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const ran = (await workerTick(db, { workerId: 'w', ...quiet })).filter((r) => r.key.includes(accountId));
    expect(ran.map((r) => r.kind)).toEqual(['notice', 'suspend']);
    const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(a!.status).toBe('suspended');
    // Next: tomorrow's settlement (a suspended account is still settled).
    expect((await entry(accountId))!.nextDueAt).toEqual(startOfLocalDay(addDays(today(), 1)));
  });

  test('late usage on a settled day makes the account due; the loop bills it on an adjustment', async () => {
    const { db } = handle;
    const { accountId } = await recentAccount();
    const app = await createTestApplication(db, accountId);
    await workerTick(db, { workerId: 'w', ...quiet });
    const yesterday = addDays(today(), -1);
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: `${yesterday}T10:00:00+08:00`, seconds: 3600, video: [1920, 1080] })]);
    const ran = (await workerTick(db, { workerId: 'w', ...quiet })).filter((r) => r.key.includes(accountId));
    expect(ran.map((r) => r.kind)).toEqual(['adjust']);
    const adjustments = await db.select().from(bills).where(and(eq(bills.accountId, accountId), eq(bills.kind, 'adjustment')));
    expect(adjustments).toHaveLength(1);
    // Usage of today (not settled yet) does not.
    await insertUsage(db, accountId, [mediaRecord({ app: app.sdkAppId, start: new Date().toISOString(), seconds: 60, video: [1920, 1080] })]);
    expect([...(await workerTick(db, { workerId: 'w', ...quiet })), ...(await workerTick(db, { workerId: 'w', ...quiet }))].filter((r) => r.key.includes(accountId))).toEqual([]);
  });

  test('two workers at once share the due accounts: every job runs exactly once', async () => {
    const { db } = handle;
    const ids = await Promise.all(Array.from({ length: 8 }, () => recentAccount().then((a) => a.accountId)));
    // Claims are SKIP LOCKED batches: small batches make the two workers interleave.
    const [a, b] = await Promise.all([workerTick(db, { workerId: 'w1', claimBatch: 2, ...quiet }), workerTick(db, { workerId: 'w2', claimBatch: 2, ...quiet })]);
    await workerTick(db, { workerId: 'w3', ...quiet }); // whatever the two left for the next pass
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    const ran = [...a, ...b].filter((r) => ids.some((id) => r.key.includes(id)));
    expect(new Set(ran.map((r) => r.key)).size).toBe(ran.length);
    const dup = await db.execute<{ key: string }>(sql`select key from job_runs where account_id in ${ids} group by key having count(*) > 1`);
    expect(dup).toHaveLength(0);
    const perAccount = await db.execute<{ n: number }>(sql`select count(*)::int as n from jobs where account_id in ${ids} and status = 'done' group by account_id`);
    expect(perAccount.map((r) => r.n)).toEqual(Array(8).fill(3));
    const allRuns = await db.execute<{ n: number }>(sql`select count(*)::int as n from job_runs where account_id in ${ids}`);
    expect(allRuns[0]!.n).toBe(24);
  });

  test('two workers claiming at the same moment never get the same account', async () => {
    const { db } = handle;
    const ids = await Promise.all(Array.from({ length: 6 }, () => recentAccount().then((a) => a.accountId)));
    const [c1, c2] = await Promise.all([claimDueAccounts(db, { limit: 100 }), claimDueAccounts(db, { limit: 100 })]);
    const mine = [...c1, ...c2].map((c) => c.accountId).filter((id) => ids.includes(id));
    expect(mine.sort()).toEqual([...ids].sort());
    // Claimed: not due again before the claim lease ends.
    expect((await claimDueAccounts(db, { limit: 100 })).filter((c) => ids.includes(c.accountId))).toEqual([]);
  });
});

describe('a job left running by a dead worker (lease)', () => {
  async function leaveRunning(jobId: number, leaseUntil: Date) {
    await handle.db.update(jobs).set({ status: 'running', attempts: 1, lockedBy: 'dead-worker', lockedAt: new Date(leaseUntil.getTime() - JOB_LEASE_MS), leaseUntil }).where(eq(jobs.id, jobId));
  }

  test('on a test-clock account: not before its lease ends; then the loop runs it at the clock, and the clock stays', async () => {
    const { db } = handle;
    const registeredAt = new Date('2024-10-01T00:00:00+08:00');
    const { accountId } = await createTestAccount(db, { balance: '100', registeredAt });
    const clock = new Date('2024-10-03T12:00:00+08:00');
    await setTestClock(db, accountId, clock);
    await planAccount(db, accountId, { until: clock, now: clock, usageThrough: null });
    const [job] = await db.select().from(jobs).where(eq(jobs.key, `settle:${accountId}:2024-10-01`));
    await leaveRunning(job!.id, new Date(Date.now() + 60_000));

    await workerTick(db, { workerId: 'w', ...quiet });
    expect((await db.select().from(jobs).where(eq(jobs.id, job!.id)))[0]!.status).toBe('running');
    // The loop never plans a test-clock account: its entry is cleared.
    expect((await entry(accountId))!.nextDueAt).toBeNull();

    await db.update(jobs).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(jobs.id, job!.id));
    const ran = (await workerTick(db, { workerId: 'w', ...quiet })).filter((r) => r.key.includes(accountId));
    expect(ran.map((r) => r.key)).toEqual([`free-minutes:${accountId}:2024-10-01`, `settle:${accountId}:2024-10-01`, `settle:${accountId}:2024-10-02`]);
    const after = await db.select().from(jobs).where(eq(jobs.accountId, accountId));
    expect(after.every((j) => j.status === 'done' && j.runAt <= clock)).toBe(true);
    expect((await db.select().from(testClocks).where(eq(testClocks.accountId, accountId)))[0]!.now).toEqual(clock);
    expect((await db.select().from(jobs).where(eq(jobs.id, job!.id)))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  test('on a real-time account that is not due: the expired lease alone brings the loop back', async () => {
    const { db } = handle;
    const { accountId } = await recentAccount();
    await workerTick(db, { workerId: 'w', ...quiet });
    const [job] = await db.select().from(jobs).where(eq(jobs.key, `settle:${accountId}:${addDays(today(), -2)}`));
    // Pretend a worker claimed it again and died: its entry says nothing is due until tomorrow.
    await db.update(jobs).set({ status: 'pending' }).where(eq(jobs.id, job!.id));
    await db.update(jobPlannerState).set({ nextDueAt: startOfLocalDay(addDays(today(), 1)) }).where(eq(jobPlannerState.accountId, accountId));
    await leaveRunning(job!.id, new Date(Date.now() - 1000));
    const ran = (await workerTick(db, { workerId: 'w', ...quiet })).filter((r) => r.key.includes(accountId));
    expect(ran.map((r) => r.key)).toEqual([job!.key]);
    expect((await db.select().from(jobs).where(eq(jobs.id, job!.id)))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });
});
