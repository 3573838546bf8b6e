import { runKillableChild } from '@/tests/kill-child';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bills, jobRuns, jobs } from '@/db/schema';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { financialSnapshot, insertUsage, mediaRecord, usageSnapshot } from '@/lib/settlement/test-support';
import { drainAccount } from './runner';

const REG = new Date('2024-10-01T00:00:00+08:00');
const UNTIL = new Date('2024-10-07T00:00:00+08:00');

/** Same usage for two accounts: 6 days, each day a different mix, some crossing midnight. */
async function accountWithWeek() {
  const { db } = testDb();
  const { accountId } = await createTestAccount(db, { balance: '3', registeredAt: REG });
  const app = await createTestApplication(db, accountId, { createdAt: REG });
  const app2 = await createTestApplication(db, accountId, { createdAt: REG, name: 'Second' });
  await db.execute(`update applications set edition = 'lite' where account_id = '${accountId}'`);
  const recs = [];
  for (let d = 1; d <= 6; d++) {
    const day = `2024-10-0${d}`;
    recs.push(mediaRecord({ app: app.sdkAppId, start: `${day}T10:00:00+08:00`, seconds: 3600 * d, video: [3840, 2160] }));
    recs.push(mediaRecord({ app: app2.sdkAppId, start: `${day}T23:30:00+08:00`, seconds: 3600, video: [1280, 720], streams: 2 }));
  }
  await insertUsage(db, accountId, recs);
  return accountId;
}

function runChild(accountId: string, onLine: (line: string, kill: () => void) => void) {
  return runKillableChild('lib/jobs/crash-child.ts', { DATABASE_URL: process.env.DATABASE_URL, ACCOUNT_ID: accountId, UNTIL: UNTIL.toISOString(), CRASH_PAUSE_MS: '3000' }, onLine);
}

describe('crash and re-run (lifecycle.md, Settlement and bills)', () => {
  test('a worker killed mid-transaction, then re-run, leaves exactly the bills and ledger of a clean run', async () => {
    const { db } = testDb();
    const crashed = await accountWithWeek();
    const clean = await accountWithWeek();

    // Kill the worker while the second day's settlement transaction is open.
    let committedSettles = 0;
    const child = await runChild(crashed, (line, kill) => {
      if (line.startsWith('COMMITTED settle:')) committedSettles++;
      if (line.startsWith('IN_TX settle:') && committedSettles >= 1) kill();
    });
    expect(child.signal).toBe('SIGKILL');
    expect(child.lines.some((l) => l.startsWith('DONE'))).toBe(false);
    const partial = await db.select().from(bills).where(eq(bills.accountId, crashed));
    expect(partial).toHaveLength(1); // the open transaction's bill was rolled back with the process
    const [stuck] = await db.select().from(jobs).where(and(eq(jobs.accountId, crashed), eq(jobs.status, 'running')));
    expect(stuck?.key).toBe(`settle:${crashed}:2024-10-02`);

    // Re-run (another worker): the stale job is recovered and everything finishes.
    const rerun = await drainAccount(db, crashed, { until: UNTIL, now: () => UNTIL, workerId: 'rerun', lock: 'wait' });
    expect(rerun.ran[0]?.key).toBe(`settle:${crashed}:2024-10-02`);
    const runs = await db.select().from(jobRuns).where(eq(jobRuns.jobId, stuck!.id));
    expect(runs.map((r) => r.outcome).sort()).toEqual(['failed', 'succeeded']);

    await drainAccount(db, clean, { until: UNTIL, now: () => UNTIL, workerId: 'clean', lock: 'wait' });
    const a = await financialSnapshot(db, crashed);
    const b = await financialSnapshot(db, clean);
    expect(a.bills.length).toBe(6);
    expect(a).toEqual(b);
    // Issue 11: and the same raw records and aggregates (the settlement sums records stored without them in its transaction).
    const ua = await usageSnapshot(db, crashed);
    expect(ua.records).toHaveLength(12);
    expect(ua.aggregates.length).toBeGreaterThan(6);
    expect(ua).toEqual(await usageSnapshot(db, clean));

    // And running it all again changes nothing.
    await db.update(jobs).set({ status: 'pending' }).where(eq(jobs.accountId, crashed));
    await drainAccount(db, crashed, { until: UNTIL, now: () => UNTIL, workerId: 'again', lock: 'wait' });
    expect(await financialSnapshot(db, crashed)).toEqual(b);
    expect(await usageSnapshot(db, crashed)).toEqual(await usageSnapshot(db, clean));
  }, 120_000);
});
