import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { jobs } from '@/db/schema';
import { createLogger, log } from '@/lib/log';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { overrideJobHandler } from './definitions';
import { planAccount } from './plan-account';
import { runJob } from './runner';

/** Issue 14 item 7: an operator follows one job by its id: one JSON line per run with job id, account, worker and duration. */
describe('job runs log what an operator follows', () => {
  const { db } = testDb();
  const lines: Record<string, unknown>[] = [];
  const capture = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _e, cb) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        cb();
      },
    }),
  });
  afterEach(() => vi.restoreAllMocks());

  test('a failed run logs an error line with job id, key, account, worker, attempt and duration; a succeeded one an info line', async () => {
    vi.spyOn(log, 'child').mockImplementation((bindings) => capture.child(bindings));
    const { accountId } = await createTestAccount(db, { registeredAt: new Date('2024-10-01T00:00:00+08:00') });
    const until = new Date('2024-11-01T00:00:00+08:00');
    await planAccount(db, accountId, { until, now: until, usageThrough: null });
    const [monthly] = await db.select().from(jobs).where(and(eq(jobs.accountId, accountId), eq(jobs.kind, 'monthly')));
    const restore = overrideJobHandler('monthly', async () => {
      throw new Error('simulated outage');
    });
    try {
      await runJob(db, monthly!, 'log-worker');
    } finally {
      restore();
    }
    const [settle] = await db.select().from(jobs).where(and(eq(jobs.accountId, accountId), eq(jobs.kind, 'settle')));
    await runJob(db, settle!, 'log-worker');
    await new Promise((r) => setImmediate(r));

    const failed = lines.find((l) => l.jobId === monthly!.id);
    expect(failed).toMatchObject({ level: 'error', msg: 'job failed', jobKey: monthly!.key, kind: 'monthly', accountId, workerId: 'log-worker', attempt: 1, err: { message: 'simulated outage' } });
    expect(typeof failed!.durationMs).toBe('number');
    expect(typeof failed!.runId).toBe('number');
    const ok = lines.find((l) => l.jobId === settle!.id);
    expect(ok).toMatchObject({ level: 'info', msg: 'job succeeded', jobKey: settle!.key, accountId });
  });
});
