import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { jobPlannerCursors, jobPlannerState, jobs } from '@/db/schema';
import { getTestClock } from '@/lib/clock/test-clock';
import { testClocksEnabled } from '@/lib/clock/app-env';
import { planNoticeJobs } from '@/lib/notices/moments';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { loadPlannerFacts } from './plan-account';
import { planAccountJobs } from './planner';
import { isSystemLane, nextSystemMonth, planSystemJobs } from './system-lane';

/**
 * The due index (issue 11, jobs planned by events): `job_planner_state.next_due_at` says
 * when the real-time loop next has work for an account, so an idle pass reads an index
 * range that is empty, whatever the number of accounts. It is written
 * - after every drain (here, `refreshSchedule`): the earliest queued job (a failed one at
 *   its retry) or the earliest job the state implies that does not exist yet;
 * - `now()` by triggers when what the planner reads changes (account status, overdue and
 *   suspension instants, balance alert episode, book, packages, free-minute grants, test
 *   clocks attached or detached, a dead job retried: migration 0012), and by the loop for
 *   accounts with new usage on settled days (`markAccountsWithLateUsage`);
 * - a claim lease while a worker drains the account (`claimDueAccounts`).
 * The timed rules stay the planner's (planner.ts, moments.ts): this only says when to ask it.
 */

/** How far ahead an account with nothing implied is looked at again. */
export const SCHEDULE_HORIZON_MS = 400 * 86_400_000;
/** A claimed account is due again after this (real time) if its worker died before writing its next instant. */
export const SCHEDULE_CLAIM_MS = 5 * 60_000;

/** Usage ids looked at per pass for late usage (a backlog is worked through over several passes). */
export const USAGE_SCAN_SLICE = 2_000_000;

export type DueAccount = { accountId: string; clock: Date | null };

/**
 * Claim up to `limit` accounts due by now: their entry moves to now + the claim lease in
 * the same statement (SKIP LOCKED), so several workers share the due accounts without
 * draining one twice, and an account whose worker died is due again after the lease.
 */
export async function claimDueAccounts(db: Database, options: { limit: number; realNow?: Date }): Promise<DueAccount[]> {
  const now = options.realNow ?? new Date();
  const lease = new Date(now.getTime() + SCHEDULE_CLAIM_MS);
  const clocks = testClocksEnabled();
  const rows = await db.execute<{ account_id: string; clock: Date | string | null }>(sql`
    with due as (
      select account_id from job_planner_state
      where next_due_at <= ${now.toISOString()}::timestamptz
      order by next_due_at
      limit ${options.limit}
      for update skip locked
    )
    update job_planner_state s set next_due_at = ${lease.toISOString()}::timestamptz
    from due
    where s.account_id = due.account_id
    returning s.account_id, (select c.now from test_clocks c where ${clocks} and c.account_id = s.account_id) as clock`);
  return rows.map((r) => ({ accountId: r.account_id, clock: r.clock ? new Date(r.clock) : null }));
}

/** Accounts with a `running` job whose lease has expired (its worker is presumed dead), with their test clock if any. */
export async function accountsWithExpiredLeases(db: Database, realNow = new Date()): Promise<DueAccount[]> {
  const clocks = testClocksEnabled();
  const rows = await db.execute<{ account_id: string; clock: Date | string | null }>(sql`
    select j.account_id, max(c.now) as clock
    from jobs j left join test_clocks c on ${clocks} and c.account_id = j.account_id
    where j.status = 'running' and j.lease_until < ${realNow.toISOString()}::timestamptz and j.account_id is not null
    group by j.account_id`);
  return rows.map((r) => ({ accountId: r.account_id, clock: r.clock ? new Date(r.clock) : null }));
}

/**
 * The account's next due instant in real time, computed from what is queued and what its
 * state implies (the planner, without inserting): null for an account on a test clock.
 */
export async function nextDueInstant(db: Database, accountId: string, realNow = new Date()): Promise<Date | null> {
  if (await getTestClock(db, accountId)) return null;
  const horizon = new Date(realNow.getTime() + SCHEDULE_HORIZON_MS);
  const [queued] = await db
    .select({ at: sql<Date | string | null>`min(case when ${jobs.status} = 'failed' and ${jobs.nextAttemptAt} > ${jobs.runAt} then ${jobs.nextAttemptAt} else ${jobs.runAt} end)` })
    .from(jobs)
    .where(and(eq(jobs.accountId, accountId), inArray(jobs.status, ['pending', 'failed'])));
  let next = queued?.at ? new Date(queued.at) : horizon;
  if (isSystemLane(accountId)) {
    // This month's maintenance run if it does not exist yet, else next month's.
    const [current] = planSystemJobs(realNow);
    const exists = current ? (await db.select({ key: jobs.key }).from(jobs).where(and(eq(jobs.accountId, accountId), eq(jobs.key, current.key))).limit(1)).length > 0 : true;
    const implied = current && !exists ? current.runAt : nextSystemMonth(realNow);
    return implied < next ? implied : next;
  }
  const facts = await loadPlannerFacts(db, accountId, realNow, null);
  if (!facts) return null;
  const implied = [...planAccountJobs(facts, horizon).jobs, ...planNoticeJobs({ ...facts, belowThresholdSince: facts.belowThresholdSince ?? null, activePackages: facts.activePackages.map((p) => ({ id: p.id, validFrom: p.validFrom ?? null, validTo: p.validTo })) }, horizon)]
    .filter((j) => j.runAt < next)
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  // The first implied job that does not exist yet (done ones are in `jobs` under their key).
  for (let i = 0; i < implied.length; i += 50) {
    const chunk = implied.slice(i, i + 50);
    const existing = new Set((await db.select({ key: jobs.key }).from(jobs).where(and(eq(jobs.accountId, accountId), inArray(jobs.key, chunk.map((j) => j.key))))).map((r) => r.key));
    const first = chunk.find((j) => !existing.has(j.key));
    if (first) {
      next = first.runAt;
      break;
    }
  }
  return next;
}

/**
 * Write the account's entry in the due index after a drain. The change counter is read
 * first: if a change (a trigger) came in meanwhile, this write is dropped and the account
 * stays due now, so it is planned again with what changed.
 */
export async function refreshSchedule(db: Database, accountId: string, realNow = new Date()): Promise<Date | null> {
  const [state] = await db.select({ seq: jobPlannerState.changeSeq }).from(jobPlannerState).where(eq(jobPlannerState.accountId, accountId)).limit(1);
  const next = await nextDueInstant(db, accountId, realNow);
  if (!state) {
    await db.insert(jobPlannerState).values({ accountId, nextDueAt: next, updatedAt: new Date() }).onConflictDoNothing();
  } else {
    await db
      .update(jobPlannerState)
      .set({ nextDueAt: next, updatedAt: new Date() })
      .where(and(eq(jobPlannerState.accountId, accountId), eq(jobPlannerState.changeSeq, state.seq)));
  }
  return next;
}

/**
 * New usage records (above the global cursor) make their account due now when they fall on
 * a day or month that may be settled already (lifecycle.md, Settlement and bills: late usage
 * goes on an adjustment bill); the drain then finds exactly which (plan-account.ts). Costs
 * one index read when no usage came in. Returns how many accounts were marked.
 */
export async function markAccountsWithLateUsage(db: Database): Promise<{ marked: number; through: number }> {
  const [cursor] = await db.select({ through: jobPlannerCursors.through }).from(jobPlannerCursors).where(eq(jobPlannerCursors.name, 'usage')).limit(1);
  const from = cursor?.through ?? 0;
  const [top] = await db.execute<{ max: string | number | null }>(sql`select max(id) as max from usage_records`);
  if (Number(top?.max ?? 0) <= from) return { marked: 0, through: from };
  // In slices, so a first pass over a large table (or a backlog) costs a bounded time.
  const through = Math.min(await safeUsageWatermark(db), from + USAGE_SCAN_SLICE);
  if (through <= from) return { marked: 0, through: from };
  const marked = await db.execute<{ account_id: string }>(sql`
    with fresh as (
      select account_id, min(local_day) as first_day from usage_records
      where id > ${from} and id <= ${through}
      group by account_id
    )
    update job_planner_state s
    set next_due_at = least(s.next_due_at, now()), change_seq = s.change_seq + 1, updated_at = now()
    from fresh
    where s.account_id = fresh.account_id
      and (fresh.first_day <= s.settle_planned_through
        or fresh.first_day < (s.monthly_planned_through + interval '1 month')::date)
    returning s.account_id`);
  await db
    .insert(jobPlannerCursors)
    .values({ name: 'usage', through, updatedAt: new Date() })
    .onConflictDoUpdate({ target: jobPlannerCursors.name, set: { through: sql`greatest(${jobPlannerCursors.through}, excluded.through)`, updatedAt: new Date() } });
  return { marked: marked.length, through };
}
