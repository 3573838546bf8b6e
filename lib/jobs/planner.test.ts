import { describe, expect, test } from 'vitest';
import { planAccountJobs, reclamationInstant, suspensionInstant, type PlannerFacts } from './planner';
import { afterFailure, retryDelayMs } from './backoff';

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

describe('job planner: which jobs for which state and time', () => {
  test('a new account: free minutes at registration day 00:00, each ended day settled at the next 00:00', () => {
    expect(keys(facts(), '2024-10-03T00:00:00+08:00')).toEqual([
      'free-minutes:2024-10-01 @ 2024-09-30T16:00:00.000Z',
      'settle:2024-10-01 @ 2024-10-01T16:00:00.000Z',
      'settle:2024-10-02 @ 2024-10-02T16:00:00.000Z',
    ]);
  });

  test.each([
    ['one millisecond before midnight: the day has not ended', '2024-10-01T23:59:59.999+08:00', []],
    ['at midnight: day settled', '2024-10-02T00:00:00+08:00', ['settle:2024-10-01']],
  ])('day boundary: %s', (_l, until, expected) => {
    const plan = planAccountJobs(facts({ lastFreeGrant: { validFrom: '2024-10-01', validTo: '2024-10-31' } }), new Date(until));
    expect(plan.jobs.map((j) => j.key.replace(`:${A}`, ''))).toEqual(expected);
  });

  test('cursors: planned days are not planned again; the month bill on the 1st', () => {
    const f = facts({ settlePlannedThrough: '2024-10-30', lastFreeGrant: { validFrom: '2024-10-01', validTo: '2024-10-31' } });
    expect(keys(f, '2024-11-01T00:00:00+08:00')).toEqual([
      'settle:2024-10-31 @ 2024-10-31T16:00:00.000Z',
      'monthly:2024-10 @ 2024-10-31T16:00:00.000Z',
      'free-minutes:2024-11-01 @ 2024-10-31T16:00:00.000Z',
    ]);
  });

  test('overdue: suspension exactly 24 h after the overdue instant, not at the end of a day', () => {
    const overdueSince = new Date('2024-10-05T13:47:00+08:00');
    const f = facts({ status: 'overdue', overdueSince, settlePlannedThrough: '2024-10-10', monthlyPlannedThrough: '2024-10-01', lastFreeGrant: { validFrom: '2024-10-01', validTo: '2024-10-31' } });
    expect(suspensionInstant(overdueSince).toISOString()).toBe('2024-10-06T05:47:00.000Z');
    expect(keys(f, '2024-10-06T13:46:59+08:00')).toEqual([]);
    expect(keys(f, '2024-10-06T13:47:00+08:00')).toEqual([`suspend:${overdueSince.toISOString()} @ 2024-10-06T05:47:00.000Z`]);
  });

  test('reclamation only after more than 60 days suspended for arrears', () => {
    const suspendedAt = new Date('2024-10-06T00:00:00+08:00');
    const base = { status: 'suspended' as const, suspendedAt, settlePlannedThrough: '2025-01-01', monthlyPlannedThrough: '2025-01-01', lastFreeGrant: { validFrom: '2024-12-01', validTo: '2025-02-28' } };
    const f = facts({ ...base, suspensionReason: 'arrears' });
    expect(reclamationInstant(suspendedAt).toISOString()).toBe('2024-12-04T16:00:01.000Z');
    expect(keys(f, '2024-12-05T00:00:00+08:00')).toEqual([]);
    expect(keys(f, '2024-12-05T00:00:01+08:00')).toEqual([`reclaim:${suspendedAt.toISOString()} @ 2024-12-04T16:00:01.000Z`]);
    // A violation suspension is never reclaimed automatically.
    expect(keys(facts({ ...base, suspensionReason: 'violation' }), '2025-06-01T00:00:00+08:00').filter((k) => k.startsWith('reclaim'))).toEqual([]);
  });

  test('package expiry when its last valid day ends; late usage adjusts settled days now', () => {
    const f = facts({
      settlePlannedThrough: '2024-10-05',
      lastFreeGrant: { validFrom: '2024-10-01', validTo: '2024-10-31' },
      activePackages: [{ id: 'p1', validTo: '2024-10-04' }, { id: 'p2', validTo: '2024-11-04' }],
      lateUsage: [{ day: '2024-10-02', maxId: 77 }],
      now: new Date('2024-10-05T08:00:00+08:00'),
    });
    expect(keys(f, '2024-10-05T08:00:00+08:00')).toEqual(['package-expiry:p1:2024-10-04 @ 2024-10-04T16:00:00.000Z', 'adjust:2024-10-02:77 @ 2024-10-05T00:00:00.000Z']);
  });

  test('a reclaimed account has nothing planned', () => {
    expect(keys(facts({ status: 'reclaimed' }), '2025-10-01T00:00:00+08:00')).toEqual([]);
  });
});

describe('retry backoff', () => {
  test.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [10, 600_000],
  ])('after %i failed attempts wait %i ms', (n, ms) => expect(retryDelayMs(n)).toBe(ms));

  test('dead after max attempts', () => {
    const now = new Date('2024-10-01T00:00:00Z');
    expect(afterFailure(4, 5, now)).toEqual({ status: 'failed', nextAttemptAt: new Date('2024-10-01T00:00:16Z') });
    expect(afterFailure(5, 5, now)).toEqual({ status: 'dead', nextAttemptAt: null });
  });
});
