import type { jobs, jobRuns } from '@/db/schema';
import type { PayloadOf } from './define';
import type { JobDefinitions, JobKind } from './definitions';

export type JobRow = typeof jobs.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;
export type { JobKind };

/** The payload a job of `kind` is enqueued with (from its `defineJob` schema). */
export type JobPayload<K extends JobKind> = PayloadOf<JobDefinitions[K]>;

/**
 * A job the state implies, inserted with ON CONFLICT (key) DO NOTHING. Keys are business
 * keys, so the unique index on `jobs.key` is what keeps a job from existing twice. The
 * union over kinds types the payload by the kind: `{ kind: 'settle', payload: { day } }`.
 */
export type JobSpec<K extends JobKind = JobKind> = {
  [P in K]: { key: string; kind: P; accountId: string; runAt: Date; payload: JobPayload<P> };
}[K];
