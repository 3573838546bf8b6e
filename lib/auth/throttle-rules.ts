/**
 * Sign-in throttling rules (issue 13 item 3), pure. Nobody can be locked out by someone
 * else's failures from another address:
 *
 * - per (email, address): progressive delays after a few failures, reset by a success there;
 * - per address (password spraying across emails): progressive delays after more failures;
 * - per email across all addresses: a much higher ceiling per hour, which the owner's known
 *   addresses (a success there in the last 30 days) are exempt from; the owner is emailed
 *   when it trips.
 *
 * A delay means "the next attempt is allowed `delay` after the last failure"; attempts are
 * refused before then, without checking the password, so a refused guess teaches nothing.
 */
export const THROTTLE_WINDOW_MS = 60 * 60 * 1000;
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;
export const FREE_FAILURES_PER_PAIR = 3;
export const FREE_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_EMAIL = 100;
export const MAX_DELAY_MS = 15 * 60 * 1000;

export type ThrottleFacts = {
  /** Failures for this email from this address in the window, since the last success there. */
  pairFailures: number;
  lastPairFailureAt: Date | null;
  /** Failures from this address for any email in the window. */
  addressFailures: number;
  lastAddressFailureAt: Date | null;
  /** Failures for this email from any address in the window. */
  emailFailures: number;
  lastEmailFailureAt: Date | null;
  /** A success for this email from this address in the last 30 days. */
  knownAddress: boolean;
};

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: 'pair' | 'address' | 'email'; retryAfterMs: number };

/** 1 s after the first failure past the free ones, doubling each time, at most 15 minutes. */
export function progressiveDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - free, 30));
}

export function decideSignIn(facts: ThrottleFacts, now: Date): ThrottleDecision {
  const wait = (last: Date | null, delay: number) => (last && delay > 0 ? Math.max(0, last.getTime() + delay - now.getTime()) : 0);
  const pair = wait(facts.lastPairFailureAt, progressiveDelayMs(facts.pairFailures, FREE_FAILURES_PER_PAIR));
  if (pair > 0) return { allowed: false, reason: 'pair', retryAfterMs: pair };
  const address = wait(facts.lastAddressFailureAt, progressiveDelayMs(facts.addressFailures, FREE_FAILURES_PER_ADDRESS));
  if (address > 0) return { allowed: false, reason: 'address', retryAfterMs: address };
  if (!facts.knownAddress && facts.emailFailures >= MAX_FAILURES_PER_EMAIL) {
    // The window slides: the oldest failures leave it within the hour; say at most that.
    return { allowed: false, reason: 'email', retryAfterMs: facts.lastEmailFailureAt ? Math.max(1000, facts.lastEmailFailureAt.getTime() + THROTTLE_WINDOW_MS - now.getTime()) : THROTTLE_WINDOW_MS };
  }
  return { allowed: true };
}

/** "Try again in 2 minutes" */
export function describeWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}
