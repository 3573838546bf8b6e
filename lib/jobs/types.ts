import type { jobs, jobRuns } from '@/db/schema';

export type JobRow = typeof jobs.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;

/**
 * Kinds of scheduled work (lifecycle.md, Time: "settlements, renewals, expiries, overdue
 * to suspended, reclamation, free-minute grants"). Keys are business keys, so the unique
 * index on `jobs.key` is what keeps a job from existing twice.
 */
export const JOB_KINDS = ['settle', 'adjust', 'monthly', 'monthly-adjust', 'package-expiry', 'free-minutes', 'suspend', 'reclaim', 'notice'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * Order of jobs due at the same instant. At 00:00 of day D+1: settle day D (it may use
 * packages valid through D), late-usage adjustments, the month's bill on the 1st, then
 * package expiries and renewals, then the new free minutes, then timed notices (so they
 * see the day's charges), then enforcement: a warning due at the same instant as a
 * suspension comes before it (lifecycle.md, Notices).
 */
export const JOB_PRIORITY: Record<JobKind, number> = {
  settle: 10,
  adjust: 15,
  monthly: 20,
  'monthly-adjust': 25,
  'package-expiry': 30,
  'free-minutes': 40,
  notice: 45,
  suspend: 50,
  reclaim: 60,
};

export const JOB_LABEL: Record<JobKind, string> = {
  settle: 'Daily settlement',
  adjust: 'Late-usage adjustment',
  monthly: 'Monthly bill',
  'monthly-adjust': 'Late-usage adjustment (month)',
  'package-expiry': 'Package expiry / renewal',
  'free-minutes': 'Monthly free minutes',
  suspend: 'Suspension for arrears',
  reclaim: 'Reclamation',
  notice: 'Timed notice',
};

/** A job the state implies: inserted with ON CONFLICT (key) DO NOTHING. */
export type JobSpec = {
  key: string;
  kind: JobKind;
  accountId: string;
  runAt: Date;
  payload: Record<string, unknown>;
};

export function isJobKind(v: string): v is JobKind {
  return (JOB_KINDS as readonly string[]).includes(v);
}
