/**
 * Delivery retries (issue 10, Delivery: "retried with backoff for three days"), on the
 * account's clock so a test-clock advance moves them: 1 min, 5 min, 15 min, 1 h, 2 h,
 * 4 h, 8 h, 12 h, then daily, with a last attempt exactly at the end of the three days;
 * after that the delivery is `failed` (shown on the admin and webhook pages).
 */
export const RETRY_WINDOW_MS = 3 * 86_400_000;
const MINUTE = 60_000;
export const RETRY_DELAYS_MS = [1, 5, 15, 60, 120, 240, 480, 720].map((m) => m * MINUTE);
const DAILY_MS = 1440 * MINUTE;

/** Delay after the `attempts`-th failed attempt (1-based). */
export function deliveryRetryDelayMs(attempts: number): number {
  if (attempts < 1) return 0;
  return RETRY_DELAYS_MS[attempts - 1] ?? DAILY_MS;
}

export function giveUpAt(queuedAt: Date): Date {
  return new Date(queuedAt.getTime() + RETRY_WINDOW_MS);
}

export type DeliveryFailureOutcome = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed'; nextAttemptAt: null };

/** What a failed attempt at account time `at` leads to. */
export function afterDeliveryFailure(attempts: number, at: Date, deadline: Date): DeliveryFailureOutcome {
  if (at.getTime() >= deadline.getTime()) return { status: 'failed', nextAttemptAt: null };
  const next = at.getTime() + deliveryRetryDelayMs(attempts);
  return { status: 'pending', nextAttemptAt: new Date(Math.min(next, deadline.getTime())) };
}
