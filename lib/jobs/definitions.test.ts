import { describe, expect, test } from 'vitest';
import { planNoticeJobs } from '@/lib/notices/moments';
import { JOBS, JOB_KINDS, JOB_PRIORITY } from './definitions';
import { planAccountJobs } from './planner';
import { planSystemJobs } from './system-lane';
import type { JobSpec } from './types';

describe('job kinds declared with defineJob (issue 15)', () => {
  test('payloads are typed by kind where they are enqueued', () => {
    const ok: JobSpec = { key: 'k', kind: 'settle', accountId: 'a', runAt: new Date(), payload: { day: '2024-10-01' } };
    // @ts-expect-error a settle job carries a day, not a month
    const wrong: JobSpec = { key: 'k', kind: 'settle', accountId: 'a', runAt: new Date(), payload: { month: '2024-10' } };
    expect(JOBS.settle.payload.safeParse(ok.payload).success).toBe(true);
    expect(JOBS.settle.payload.safeParse(wrong.payload).success).toBe(false);
  });

  test('every kind has its own priority, in the documented same-instant order', () => {
    expect(JOB_KINDS.map((k) => JOBS[k].name)).toEqual(JOB_KINDS);
    expect([...JOB_KINDS].sort((a, b) => JOB_PRIORITY[a] - JOB_PRIORITY[b])).toEqual(['usage-partitions', 'settle', 'adjust', 'monthly', 'monthly-adjust', 'package-expiry', 'free-minutes', 'notice', 'suspend', 'reclaim']);
  });

  test("every job the planners emit passes its kind's schema", () => {
    const accountId = '5b0c3c9e-7f0a-4d4e-9a51-3c1d2b7e8f10';
    const since = new Date('2024-10-05T09:30:00+08:00');
    const facts = {
      accountId,
      registeredAt: new Date('2024-10-01T00:00:00+08:00'),
      status: 'suspended' as const,
      suspensionReason: 'arrears' as const,
      overdueSince: since,
      suspendedAt: since,
      settlePlannedThrough: null,
      monthlyPlannedThrough: null,
      activePackages: [{ id: '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', validFrom: '2024-10-01', validTo: '2024-10-31' }],
      belowThresholdSince: since,
      lastFreeGrant: null,
      lateUsage: [{ day: '2024-10-02', maxId: 42 }],
      lateMonths: [{ month: '2024-10-01', maxId: 42 }],
      now: new Date('2025-01-10T00:00:00+08:00'),
    };
    const until = new Date('2025-01-10T00:00:00+08:00');
    const specs = [...planAccountJobs(facts, until).jobs, ...planNoticeJobs(facts, until), ...planSystemJobs(until)];
    expect(new Set(specs.map((s) => s.kind)).size).toBe(JOB_KINDS.length - 1); // all but 'suspend' (the account is already suspended)
    for (const s of specs) expect(JOBS[s.kind].payload.safeParse(s.payload).error).toBeUndefined();
  });
});
