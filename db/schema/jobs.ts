import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Scheduled work keyed by a business key (`settle:{account}:{day}`): the unique key
 * is the real guarantee that a job exists once; `FOR UPDATE SKIP LOCKED` that one
 * worker runs it. `runAt` is in the account's time (its test clock, or real time).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id'),
    key: text('key').notNull().unique(),
    kind: text('kind').notNull(),
    runAt: instant('run_at').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    payload: jsonb('payload').notNull().default({}),
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    lockedAt: instant('locked_at'),
    finishedAt: instant('finished_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt), index('jobs_account_idx').on(t.accountId, t.status, t.runAt)],
);

/** One attempt at a job, readable by admins. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    accountId: uuid('account_id'),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    /** The business instant the job was due at (account clock). */
    businessTime: instant('business_time').notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    outcome: text('outcome', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    error: text('error'),
    result: jsonb('result'),
    worker: text('worker').notNull(),
  },
  (t) => [index('job_runs_account_idx').on(t.accountId, t.id), index('job_runs_job_idx').on(t.jobId)],
);
