import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterDeliveryFailure, deliveryRetryDelayMs, giveUpAt, RETRY_WINDOW_MS } from './backoff';

const t0 = new Date('2024-10-02T00:00:00+08:00');

describe('delivery backoff', () => {
  it('grows 1 min, 5 min, 15 min, 1 h ... then daily', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 20].map(deliveryRetryDelayMs)).toEqual([60_000, 300_000, 900_000, 3_600_000, 7_200_000, 43_200_000, 86_400_000, 86_400_000]);
  });

  it('retries for three days, the last attempt exactly at the end, then fails', () => {
    const deadline = giveUpAt(t0);
    expect(deadline.getTime() - t0.getTime()).toBe(RETRY_WINDOW_MS);
    let at = t0;
    const times: Date[] = [];
    for (let attempt = 1; attempt < 100; attempt++) {
      const next = afterDeliveryFailure(attempt, at, deadline);
      if (next.status === 'failed') break;
      times.push(next.nextAttemptAt);
      at = next.nextAttemptAt;
    }
    expect(times.at(-1)).toEqual(deadline);
    // 8 growing delays, a daily one, the capped last one: 11 attempts in all.
    expect(times.length).toBe(10);
    expect(afterDeliveryFailure(12, deadline, deadline)).toEqual({ status: 'failed', nextAttemptAt: null });
  });

  it('never schedules past the deadline nor before the failed attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: RETRY_WINDOW_MS - 1 }), (attempts, offset) => {
        const at = new Date(t0.getTime() + offset);
        const out = afterDeliveryFailure(attempts, at, giveUpAt(t0));
        expect(out.status).toBe('pending');
        if (out.status === 'pending') {
          expect(out.nextAttemptAt.getTime()).toBeGreaterThan(at.getTime());
          expect(out.nextAttemptAt.getTime()).toBeLessThanOrEqual(giveUpAt(t0).getTime());
        }
      }),
    );
  });
});
