import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { jobRuns, jobs } from '@/db/schema';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { drainLane } from './account-lane';
import { refreshSchedule } from './schedule';
import { afterFailure } from './backoff';
import { planAccount } from './plan-account';
import { jobDefinition } from './definitions';
import { log } from '@/lib/log';
import type { JobRow } from './types';

/**
 * The job runner: a plain PostgreSQL queue (`jobs`, `job_runs`) rather than pg-boss,
 * because every job belongs to one account and runs at that account's time, which may
 * be a test clock (lifecycle.md, Time): an advance must run exactly that account's due
 * jobs, in business-time order, inside the request, and the real-time loop never runs
 * them ahead of the clock. So work is drained per account (account-lane.ts):
 * - one drainer per account at a time (a session advisory lock on a reserved
 *   connection: released by PostgreSQL if the process dies);
 * - which accounts have work is an index on their next due instant (schedule.ts);
 * - a job is claimed by `UPDATE ... WHERE status IN ('pending','failed')`, so two
 *   workers never run it both, and marked done in the same transaction as its effect;
 * - the effect's own unique constraints (bills, day_settlements, ledger idempotency
 *   keys) remain the real guarantee, so a crash and a re-run change nothing twice.
 */

export type RunSummary = {
  jobId: number;
  runId: number;
  key: string;
  kind: string;
  businessTime: string;
  outcome: 'succeeded' | 'failed';
  status: 'done' | 'failed' | 'dead';
  result?: Record<string, unknown>;
  error?: string;
};

export type DrainResult = {
  ran: RunSummary[];
  /** The earliest due job is waiting for a retry (failed, backoff not over): nothing after it ran. */
  blocked: { jobId: number; key: string; runAt: string; error: string | null; nextAttemptAt: string | null } | null;
  /** Another drainer holds the account (try mode only). */
  busy: boolean;
};

export type DrainOptions = {
  until: Date;
  workerId: string;
  /** The account's current time while draining (the test clock's, or real time). */
  now: () => Date;
  /** Called before each job with the job; a test clock moves to the job's instant here. */
  beforeJob?: (job: JobRow) => Promise<void>;
  /** `wait`: queue behind another drainer (an advance); `try`: skip a busy account (the loop). */
  lock: 'wait' | 'try';
  maxJobs?: number;
  /** A safe usage watermark taken by the caller (the loop takes one per pass for all accounts). */
  usageThrough?: number;
  /** Test hook: called after each job commits. */
  afterJob?: (summary: RunSummary) => Promise<void> | void;
};

/** Plan and run every job of one account due up to `until`, in (runAt, priority, id) order, re-planning after each. */
export async function drainAccount(db: Database, accountId: string, options: DrainOptions): Promise<DrainResult> {
  let usageThrough = options.usageThrough;
  const r = await drainLane<JobRow, RunSummary, NonNullable<DrainResult['blocked']>>(db, {
    lane: 'drain',
    accountId,
    lock: options.lock,
    max: options.maxJobs ?? 10_000,
    recover: () => recoverStaleRuns(db, accountId, options.workerId),
    next: async () => {
      usageThrough ??= await safeUsageWatermark(db);
      await planAccount(db, accountId, { until: options.until, now: options.now(), usageThrough });
      const job = await nextDueJob(db, accountId, options.until);
      if (!job) return null;
      if (job.status === 'failed' && job.nextAttemptAt && job.nextAttemptAt > new Date()) {
        return { stop: { jobId: job.id, key: job.key, runAt: job.runAt.toISOString(), error: job.lastError, nextAttemptAt: job.nextAttemptAt.toISOString() } };
      }
      return { item: job };
    },
    run: async (job) => {
      await options.beforeJob?.(job);
      const summary = await runJob(db, job, options.workerId);
      if (summary) await options.afterJob?.(summary);
      return summary;
    },
    // The account's entry in the due index (schedule.ts), now that its jobs ran.
    finish: () => refreshSchedule(db, accountId),
  });
  return { ran: r.ran, blocked: r.stopped, busy: r.busy };
}

/** The earliest job of the account due by `until` that is not finished or dead. */
export async function nextDueJob(db: Database, accountId: string, until: Date): Promise<JobRow | null> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.accountId, accountId), inArray(jobs.status, ['pending', 'failed']), lte(jobs.runAt, until)))
    .orderBy(asc(jobs.runAt), asc(jobs.priority), asc(jobs.id))
    .limit(1);
  return job ?? null;
}

/**
 * How long (real time) a claimed job may stay `running` before the real-time loop looks at
 * it as left by a dead worker. The loop still takes it up only with the account's lock,
 * which a live drainer holds, so a slow job is never run twice.
 */
export const JOB_LEASE_MS = 5 * 60_000;

/**
 * Claim and run one job. The claim is a conditional UPDATE (a lost race returns null);
 * the handler's effect and the `done` mark commit together; a failure is recorded with
 * exponential backoff, and after max attempts the job is dead.
 */
export async function runJob(db: Database, job: JobRow, workerId: string): Promise<RunSummary | null> {
  const [claimed] = await db
    .update(jobs)
    .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, lockedBy: workerId, lockedAt: new Date(), leaseUntil: new Date(Date.now() + JOB_LEASE_MS) })
    .where(and(eq(jobs.accountId, job.accountId), eq(jobs.id, job.id), inArray(jobs.status, ['pending', 'failed'])))
    .returning();
  if (!claimed) return null;
  const [run] = await db
    .insert(jobRuns)
    .values({ jobId: claimed.id, accountId: claimed.accountId, key: claimed.key, kind: claimed.kind, businessTime: claimed.runAt, startedAt: new Date(), outcome: 'running', worker: workerId })
    .returning({ id: jobRuns.id });
  if (!run) throw new Error('job run insert returned no row');
  const base = { jobId: claimed.id, runId: run.id, key: claimed.key, kind: claimed.kind, businessTime: claimed.runAt.toISOString() };
  // One line per run an operator can follow by job id (issue 14 item 7).
  const jobLog = log.child({ jobId: claimed.id, jobKey: claimed.key, kind: claimed.kind, runId: run.id, accountId: claimed.accountId, workerId, attempt: claimed.attempts });
  const started = performance.now();
  try {
    const def = jobDefinition(claimed.kind);
    if (!def) throw new Error(`no job kind "${claimed.kind}" is defined`);
    if (!claimed.accountId) throw new Error(`job ${claimed.key} has no account`);
    const parsed = def.payload.safeParse(claimed.payload);
    if (!parsed.success) throw new Error(`job ${claimed.key}: payload does not match the "${claimed.kind}" schema: ${parsed.error.message}`);
    const prepared = def.prepare ? await def.prepare(db, claimed) : undefined;
    const accountId = claimed.accountId;
    const result = await db.transaction(async (tx) => {
      const out = await def.handler(tx, { db, job: claimed, accountId, payload: parsed.data, now: claimed.runAt, prepared });
      const finishedAt = new Date();
      const [done] = await tx
        .update(jobs)
        .set({ status: 'done', result: out, finishedAt, lastError: null, nextAttemptAt: null })
        .where(and(eq(jobs.accountId, claimed.accountId), eq(jobs.id, claimed.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
        .returning({ id: jobs.id });
      // Someone reset this job as stale while it ran: roll the effect back, it will run again.
      if (!done) throw new Error('job was taken away from this worker while running');
      await tx.update(jobRuns).set({ outcome: 'succeeded', finishedAt, result: out }).where(and(eq(jobRuns.accountId, claimed.accountId), eq(jobRuns.id, run.id)));
      return out;
    });
    jobLog.info({ durationMs: Math.round(performance.now() - started) }, 'job succeeded');
    return { ...base, outcome: 'succeeded', status: 'done', result };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const next = afterFailure(claimed.attempts, claimed.maxAttempts, new Date());
    const durationMs = Math.round(performance.now() - started);
    if (err instanceof Error && err.message.startsWith('job was taken away')) jobLog.warn({ durationMs }, 'job taken away while running; rolled back');
    else jobLog.error({ err, durationMs, maxAttempts: claimed.maxAttempts, next: next.status }, 'job failed');
    await db
      .update(jobs)
      .set({ status: next.status, lastError: message.slice(0, 2000), nextAttemptAt: next.nextAttemptAt, finishedAt: next.status === 'dead' ? new Date() : null })
      .where(and(eq(jobs.accountId, claimed.accountId), eq(jobs.id, claimed.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)));
    await db.update(jobRuns).set({ outcome: 'failed', finishedAt: new Date(), error: message.slice(0, 2000) }).where(and(eq(jobRuns.accountId, claimed.accountId), eq(jobRuns.id, run.id)));
    return { ...base, outcome: 'failed', status: next.status, error: message };
  }
}

/**
 * Jobs left `running` by a worker that died (its transaction rolled back with it). Only
 * called while holding the account's drain lock, so no live worker is running them,
 * whether or not their lease is over (the loop comes looking once it is: worker-loop.ts).
 * The lost attempt counts; the job is retried at once.
 */
export async function recoverStaleRuns(db: Database, accountId: string, workerId: string): Promise<number> {
  const stale = await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'dead' else 'failed' end`,
      lastError: sql`'worker ' || coalesce(${jobs.lockedBy}, '?') || ' stopped before finishing; its transaction was rolled back'`,
      nextAttemptAt: null,
    })
    .where(and(eq(jobs.accountId, accountId), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  if (stale.length) {
    await db
      .update(jobRuns)
      .set({ outcome: 'failed', finishedAt: new Date(), error: `worker stopped before finishing (found by ${workerId}); rolled back, retried` })
      .where(and(inArray(jobRuns.jobId, stale.map((s) => s.id)), eq(jobRuns.outcome, 'running')));
  }
  return stale.length;
}
