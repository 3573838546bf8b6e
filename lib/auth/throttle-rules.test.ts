import { describe, expect, test } from 'vitest';
import { decideSignIn, describeWait, FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_PAIR, MAX_DELAY_MS, MAX_FAILURES_PER_EMAIL, progressiveDelayMs, type ThrottleFacts } from './throttle-rules';

const now = new Date('2026-12-02T10:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const clean: ThrottleFacts = { pairFailures: 0, lastPairFailureAt: null, addressFailures: 0, lastAddressFailureAt: null, emailFailures: 0, lastEmailFailureAt: null, knownAddress: false };

describe('progressive delays (issue 13 item 3)', () => {
  test.each([
    [FREE_FAILURES_PER_PAIR - 1, 0],
    [FREE_FAILURES_PER_PAIR, 1000],
    [FREE_FAILURES_PER_PAIR + 1, 2000],
    [FREE_FAILURES_PER_PAIR + 5, 32000],
    [FREE_FAILURES_PER_PAIR + 40, MAX_DELAY_MS],
  ])('%i failures → %i ms', (n, ms) => expect(progressiveDelayMs(n, FREE_FAILURES_PER_PAIR)).toBe(ms));

  test('five failures for an email no longer lock it: a wait of seconds on that address only', () => {
    const facts = { ...clean, pairFailures: 5, lastPairFailureAt: ago(1), addressFailures: 5, lastAddressFailureAt: ago(1), emailFailures: 5, lastEmailFailureAt: ago(1) };
    expect(decideSignIn(facts, now)).toEqual({ allowed: false, reason: 'pair', retryAfterMs: 3000 });
    expect(decideSignIn(facts, new Date(now.getTime() + 3000))).toEqual({ allowed: true });
    // The owner from another address is not slowed at all by those failures.
    expect(decideSignIn({ ...clean, emailFailures: 5, lastEmailFailureAt: ago(1) }, now)).toEqual({ allowed: true });
  });

  test('spraying many emails from one address slows that address', () => {
    const facts = { ...clean, addressFailures: FREE_FAILURES_PER_ADDRESS + 3, lastAddressFailureAt: ago(2) };
    expect(decideSignIn(facts, now)).toEqual({ allowed: false, reason: 'address', retryAfterMs: 6000 });
  });

  test('the per-email ceiling is far above five, and known addresses are exempt', () => {
    expect(MAX_FAILURES_PER_EMAIL).toBeGreaterThanOrEqual(50);
    const tripped = { ...clean, emailFailures: MAX_FAILURES_PER_EMAIL, lastEmailFailureAt: ago(60) };
    expect(decideSignIn({ ...tripped, emailFailures: MAX_FAILURES_PER_EMAIL - 1 }, now)).toEqual({ allowed: true });
    expect(decideSignIn(tripped, now)).toMatchObject({ allowed: false, reason: 'email' });
    expect(decideSignIn({ ...tripped, knownAddress: true }, now)).toEqual({ allowed: true });
  });

  test.each([
    [400, '1 second'],
    [59_000, '59 seconds'],
    [61_000, '2 minutes'],
  ])('describeWait(%i) = %s', (ms, text) => expect(describeWait(ms)).toBe(text));
});
