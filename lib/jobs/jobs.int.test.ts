import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bills, jobRuns, jobs } from '@/db/schema';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { insertUsage, mediaRecord } from '@/lib/settlement/test-support';
import { overrideJobHandler } from './definitions';
import { planAccount } from './plan-account';
import { drainAccount, runJob } from './runner';


async function accountWithUsage(days: number) {
  const { db } = testDb();
  const { accountId } = await createTestAccount(db, { balance: '1000', registeredAt: new Date('2024-10-01T00:00:00+08:00') });
  const app = await createTestApplication(db, accountId);
  const recs = Array.from({ length: days }, (_, i) =>
    mediaRecord({ app: app.sdkAppId, start: `2024-10-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`, seconds: 3600, video: [1920, 1080] }),
  );
  await insertUsage(db, accountId, recs);
  return { db, accountId, app };
}

describe('job runner on PostgreSQL', () => {
  test('two workers draining the same account at once: every job runs exactly once', async () => {
    const { db, accountId } = await accountWithUsage(10);
    const until = new Date('2024-10-11T00:00:00+08:00');
    const [a, b] = await Promise.all([
      drainAccount(db, accountId, { until, now: () => until, workerId: 'w1', lock: 'wait' }),
      drainAccount(db, accountId, { until, now: () => until, workerId: 'w2', lock: 'wait' }),
    ]);
    const ran = [...a.ran, ...b.ran];
    expect(new Set(ran.map((r) => r.key)).size).toBe(ran.length);
    const runs = await db.execute<{ key: string; n: number }>(sql`select key, count(*)::int as n from job_runs where account_id = ${accountId} group by key having count(*) > 1`);
    expect(runs).toHaveLength(0);
    const dailyBills = await db.select().from(bills).where(and(eq(bills.accountId, accountId), eq(bills.kind, 'daily')));
    expect(dailyBills).toHaveLength(10);
    // A busy account is skipped by the real-time loop's try-lock, not waited for.
    const all = await db.select().from(jobs).where(eq(jobs.accountId, accountId));
    expect(all.every((j) => j.status === 'done')).toBe(true);
  });

  test('a job claimed by two workers at the same moment runs once (conditional UPDATE)', async () => {
    const { db, accountId } = await accountWithUsage(1);
    const until = new Date('2024-10-02T00:00:00+08:00');
    await planAccount(db, accountId, { until, now: until, usageThrough: null });
    const [job] = await db.select().from(jobs).where(and(eq(jobs.accountId, accountId), eq(jobs.kind, 'settle')));
    const results = await Promise.all([runJob(db, job!, 'w1'), runJob(db, job!, 'w2'), runJob(db, job!, 'w3')]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const runs = await db.select().from(jobRuns).where(eq(jobRuns.jobId, job!.id));
    expect(runs).toHaveLength(1);
  });

  test('planning twice inserts nothing new (unique business keys)', async () => {
    const { db, accountId } = await accountWithUsage(0);
    const until = new Date('2024-10-05T00:00:00+08:00');
    const first = await planAccount(db, accountId, { until, now: until, usageThrough: null });
    // Forget the cursors: the unique keys still keep the jobs single.
    await db.execute(sql`delete from job_planner_state where account_id = ${accountId}`);
    const second = await planAccount(db, accountId, { until, now: until, usageThrough: null });
    expect(first).toBe(5); // settle 10-01..10-04 + free minutes 10-01
    expect(second).toBe(0);
  });

  test('failures retry with backoff and end dead after max attempts; the account waits for a retry in order', async () => {
    const { db } = testDb();
    const { accountId } = await createTestAccount(db, { registeredAt: new Date('2024-10-01T00:00:00+08:00') });
    let calls = 0;
    const restore = overrideJobHandler('monthly', async () => {
      calls++;
      throw new Error('simulated outage');
    });
    try {
      const until = new Date('2024-11-01T00:00:00+08:00');
      const r1 = await drainAccount(db, accountId, { until, now: () => until, workerId: 'w', lock: 'wait' });
      expect(r1.blocked?.key).toBe(`monthly:${accountId}:2024-10`);
      expect(r1.ran.at(-1)).toMatchObject({ outcome: 'failed', status: 'failed', error: 'simulated outage' });
      const [job] = await db.select().from(jobs).where(eq(jobs.key, `monthly:${accountId}:2024-10`));
      expect(job!.attempts).toBe(1);
      expect(job!.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(1000); // 2 s backoff
      // Later jobs at the same instant (the November free minutes) did not run before it.
      const [grant] = await db.select().from(jobs).where(eq(jobs.key, `free-minutes:${accountId}:2024-11-01`));
      expect(grant?.status ?? 'pending').toBe('pending');
      // Make every retry due now and fail to the end.
      for (let i = 0; i < 6; i++) {
        await db.update(jobs).set({ nextAttemptAt: null }).where(eq(jobs.id, job!.id));
        await drainAccount(db, accountId, { until, now: () => until, workerId: 'w', lock: 'wait' });
      }
      const [dead] = await db.select().from(jobs).where(eq(jobs.id, job!.id));
      expect(dead).toMatchObject({ status: 'dead', attempts: 5 });
      expect(calls).toBe(5);
      // A dead job no longer holds the account back.
      const [after] = await db.select().from(jobs).where(eq(jobs.key, `free-minutes:${accountId}:2024-11-01`));
      expect(after?.status).toBe('done');
    } finally {
      // Restore the real handler for the other tests of this file.
      restore();
    }
  });
});
