import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { jobs } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { assertTestClocksEnabled, getTestClock, moveTestClock } from '@/lib/clock/test-clock';
import { drainAccountDeliveries, type DeliveryRun } from '@/lib/deliveries/drain';
import { drainAccount, type DrainResult } from '@/lib/jobs/runner';
import { loadPlannerFacts } from '@/lib/jobs/plan-account';
import { planAccountJobs } from '@/lib/jobs/planner';
import { JOB_LABEL, JOB_PRIORITY, type JobKind } from '@/lib/jobs/definitions';
import { formatLocalDateTime } from '@/lib/time/format';

/** How far to move: by a duration, to an instant, or to the next due job. */
export type AdvanceTarget = { by: number } | { to: Date } | { nextJob: true };

export type AdvanceResult = DrainResult & {
  accountId: string;
  from: string;
  to: string;
  /** Where the clock stopped: `to`, or the instant of a job that is waiting for a retry. */
  clock: string;
  /** Delivery attempts (email, webhooks) due by then, each at its own instant (lib/deliveries). */
  deliveries: DeliveryRun[];
};

/** The largest single move, so one request cannot plan decades of jobs. */
export const MAX_ADVANCE_MS = 400 * 86_400_000;

/**
 * Advance-and-drain (lifecycle.md, Time): move the account's test clock forward and run
 * every job that came due for it in between, in time order, exactly once, each at its
 * own instant (the clock stops at each job's time while it runs), re-planning after each
 * since a job may create new state. Returns when they are done, with what ran. Other
 * accounts are untouched. Refused if the target is before the clock (never back).
 */
export async function advanceTestClock(db: Database, accountId: string, target: AdvanceTarget, options: { workerId?: string } = {}): Promise<AdvanceResult> {
  assertTestClocksEnabled();
  const clock = await getTestClock(db, accountId);
  if (!clock) throw new AppError('INVALID_STATE', 'Attach a test clock to this account first.');
  const from = clock.now;
  let to: Date;
  if ('by' in target) {
    if (!Number.isFinite(target.by) || target.by <= 0) throw badTarget('Move the clock forward by a positive amount of time.');
    to = new Date(from.getTime() + target.by);
  } else if ('to' in target) {
    to = target.to;
    if (Number.isNaN(to.getTime())) throw badTarget('The target is not a valid date and time.');
    if (to < from) throw badTarget(`A test clock only moves forward: the target ${formatLocalDateTime(to)} is before the clock's ${formatLocalDateTime(from)} (UTC+8).`);
  } else {
    const next = (await upcomingJobs(db, accountId, from, 1))[0];
    if (!next) throw badTarget('No job is due in the next 400 days.');
    to = new Date(Math.max(from.getTime(), new Date(next.runAt).getTime()));
  }
  if (to.getTime() - from.getTime() > MAX_ADVANCE_MS) throw badTarget('Move at most 400 days at a time.');

  let current = from;
  const result = await drainAccount(db, accountId, {
    until: to,
    workerId: options.workerId ?? `advance:${process.pid}`,
    lock: 'wait',
    now: () => current,
    beforeJob: async (job) => {
      if (job.runAt > current) {
        await moveTestClock(db, accountId, job.runAt);
        current = job.runAt;
      }
    },
  });
  // A job waiting for a retry holds the clock at its instant: later jobs must not run before it.
  const stopAt = result.blocked ? new Date(Math.max(current.getTime(), new Date(result.blocked.runAt).getTime())) : to;
  await moveTestClock(db, accountId, stopAt);
  // The delivery lane after the jobs: retries due in between run at their own instants, and a
  // failing delivery never stops the clock (it is not a job).
  const deliveries = await drainAccountDeliveries(db, accountId, { until: stopAt, clock: 'test', workerId: options.workerId ?? `advance:${process.pid}`, lock: 'wait' });
  return { ...result, accountId, from: from.toISOString(), to: to.toISOString(), clock: stopAt.toISOString(), deliveries: deliveries.ran };
}

function badTarget(message: string) {
  return new AppError('VALIDATION', message, { fieldErrors: { to: [message] } });
}

export type UpcomingJob = { key: string; kind: JobKind | string; label: string; runAt: string; status: 'pending' | 'failed' | 'planned'; lastError: string | null };

/**
 * The account's next due jobs after `now`: those already queued (pending or waiting for a
 * retry) and those its current state implies (the planner, without inserting), in the
 * order they would run.
 */
export async function upcomingJobs(db: Database, accountId: string, now: Date, limit = 8): Promise<UpcomingJob[]> {
  const queued = await db
    .select({ key: jobs.key, kind: jobs.kind, runAt: jobs.runAt, status: jobs.status, priority: jobs.priority, lastError: jobs.lastError })
    .from(jobs)
    .where(and(eq(jobs.accountId, accountId), inArray(jobs.status, ['pending', 'failed'])))
    .orderBy(asc(jobs.runAt), asc(jobs.priority))
    .limit(limit);
  const facts = await loadPlannerFacts(db, accountId, now, null);
  const out: (UpcomingJob & { priority: number })[] = queued.map((q) => ({
    key: q.key,
    kind: q.kind,
    label: JOB_LABEL[q.kind as JobKind] ?? q.kind,
    runAt: q.runAt.toISOString(),
    status: q.status === 'failed' ? 'failed' : 'pending',
    lastError: q.lastError,
    priority: q.priority,
  }));
  if (facts) {
    const horizon = new Date(now.getTime() + 70 * 86_400_000);
    const seen = new Set(out.map((o) => o.key));
    const planned = planAccountJobs(facts, horizon).jobs.filter((j) => !seen.has(j.key));
    const existing = planned.length
      ? new Set((await db.select({ key: jobs.key }).from(jobs).where(and(eq(jobs.accountId, accountId), sql`${jobs.key} in ${planned.map((p) => p.key)}`))).map((r) => r.key))
      : new Set<string>();
    // Only the first few days of settlements: a long list of identical rows says nothing.
    let settles = 0;
    for (const j of planned) {
      if (existing.has(j.key)) continue;
      if (j.kind === 'settle' && ++settles > 2) continue;
      out.push({ key: j.key, kind: j.kind, label: JOB_LABEL[j.kind], runAt: j.runAt.toISOString(), status: 'planned', lastError: null, priority: JOB_PRIORITY[j.kind] });
    }
  }
  return out
    .sort((a, b) => a.runAt.localeCompare(b.runAt) || a.priority - b.priority)
    .slice(0, limit)
    .map(({ priority: _p, ...rest }) => rest);
}

