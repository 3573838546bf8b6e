/**
 * Retry policy: exponential backoff in real (wall-clock) time, because retries are about
 * infrastructure (a lost connection, a deadlock), not about the account's business time.
 * Attempt 1 failed → wait 2 s, then 4, 8, 16 ... capped at 10 minutes; after
 * `maxAttempts` failures the job is `dead` and waits for an admin.
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 10 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Delay before the next attempt after `attempts` failed attempts (1-based). */
export function retryDelayMs(attempts: number, base = BACKOFF_BASE_MS, max = BACKOFF_MAX_MS): number {
  if (attempts < 1) return 0;
  return Math.min(max, base * 2 ** (attempts - 1));
}

export type FailureOutcome = { status: 'failed'; nextAttemptAt: Date } | { status: 'dead'; nextAttemptAt: null };

/** What a failed attempt leads to. */
export function afterFailure(attempts: number, maxAttempts: number, realNow: Date): FailureOutcome {
  if (attempts >= maxAttempts) return { status: 'dead', nextAttemptAt: null };
  return { status: 'failed', nextAttemptAt: new Date(realNow.getTime() + retryDelayMs(attempts)) };
}
