import { startOfLocalDay, localDate, startOfMonth, lastDayOfMonth, addDays } from '@/lib/time/local-date';
import { NO_ACCOUNT_ID } from '@/db/schema';
import type { JobSpec } from './types';

/**
 * The maintenance lane: work that belongs to no account (usage partitions created ahead and
 * retention, lib/usage/partitions.ts) runs as the jobs of a reserved lane id, so it is planned
 * through the same due index (`job_planner_state.next_due_at`, migration 0014 adds its row),
 * claimed with SKIP LOCKED, drained under the same advisory lock, retried with the same
 * backoff and taken up again after a lease like any account's jobs; no sweeping timer of its
 * own. No account has this id (uuid v4 never makes the nil uuid); the lane never has a test
 * clock: it runs on real time.
 */
export const SYSTEM_LANE_ID = NO_ACCOUNT_ID;

export function isSystemLane(accountId: string): boolean {
  return accountId === SYSTEM_LANE_ID;
}

/** The lane's jobs implied at `now`: this local month's `usage-partitions` run, due at the month's first instant. */
export function planSystemJobs(now: Date): JobSpec[] {
  const month = startOfMonth(localDate(now));
  return [{ key: `usage-partitions:${month.slice(0, 7)}`, kind: 'usage-partitions', accountId: SYSTEM_LANE_ID, runAt: startOfLocalDay(month), payload: { month: month.slice(0, 7) } }];
}

/** When the lane next has implied work after this month's run: the next local month's first instant. */
export function nextSystemMonth(now: Date): Date {
  return startOfLocalDay(addDays(lastDayOfMonth(localDate(now)), 1));
}
