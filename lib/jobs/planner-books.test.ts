import { describe, expect, test } from 'vitest';
import { planAccountJobs, type PlannerFacts } from './planner';

/** The planner for books other than the TRTC ones (issue 12; rating.md section 3). */
const A = 'acc';
const facts = (f: Partial<PlannerFacts> = {}): PlannerFacts => ({
  accountId: A,
  registeredAt: new Date('2024-10-01T09:30:00+08:00'),
  status: 'active',
  suspensionReason: null,
  overdueSince: null,
  suspendedAt: null,
  settlePlannedThrough: null,
  monthlyPlannedThrough: null,
  activePackages: [],
  lastFreeGrant: null,
  lateUsage: [],
  now: new Date('2024-10-03T12:00:00+08:00'),
  ...f,
});
const keys = (f: PlannerFacts, until: string) => planAccountJobs(f, new Date(until)).jobs.map((j) => `${j.key.replace(`:${A}`, '')} @ ${j.runAt.toISOString()}`);

describe('job planner per book', () => {
  test.each([
    ['a book rounding per day: every ended day settled, then the month', 'day', ['settle:2024-10-30', 'settle:2024-10-31', 'monthly:2024-10']],
    ['a book rounding per month (rtv-cny): no daily settlement, only the month’s bill on the 1st', 'month', ['monthly:2024-10']],
  ] as const)('%s', (_l, durationPeriod, expected) => {
    const f = facts({ durationPeriod, freeMinutes: false, settlePlannedThrough: '2024-10-29' });
    expect(planAccountJobs(f, new Date('2024-11-01T00:00:00+08:00')).jobs.map((j) => j.key.replace(`:${A}`, ''))).toEqual(expected);
  });

  test('no monthly free minutes for an account without them (books of seeds 000 and 001 have none)', () => {
    expect(keys(facts({ freeMinutes: false, durationPeriod: 'month' }), '2024-10-03T00:00:00+08:00')).toEqual([]);
    expect(keys(facts({ freeMinutes: true, durationPeriod: 'month' }), '2024-10-03T00:00:00+08:00')).toEqual(['free-minutes:2024-10-01 @ 2024-09-30T16:00:00.000Z']);
  });

  test('late usage of a billed month: an adjustment of the month now, never before the 1st', () => {
    const f = facts({ durationPeriod: 'month', freeMinutes: false, monthlyPlannedThrough: '2024-10-01', now: new Date('2024-11-05T10:00:00+08:00'), lateMonths: [{ month: '2024-10-01', maxId: 42 }] });
    expect(keys(f, '2024-11-05T10:00:00+08:00')).toEqual(['monthly-adjust:2024-10:42 @ 2024-11-05T02:00:00.000Z']);
    expect(keys(f, '2024-11-05T09:59:59+08:00')).toEqual([]);
  });
});
