import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** The account whose lane runs it (`NO_ACCOUNT_ID` for the maintenance lane). */
    accountId: uuid('account_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    runAt: instant('run_at').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    payload: jsonb('payload').notNull().default({}),
    lastError: text('last_error'),
    /** Same-instant order (settle before monthly before expiry before grants before suspension). */
    priority: integer('priority').notNull().default(0),
    /** Real (wall-clock) time of the next retry after a failure; backoff is about infrastructure, not business time. */
    nextAttemptAt: instant('next_attempt_at'),
    /** What the last successful run did, for the timeline and the admin page. */
    result: jsonb('result'),
    lockedBy: text('locked_by'),
    lockedAt: instant('locked_at'),
    /**
     * Real time after which a `running` job counts as left by a dead worker: the real-time
     * loop then takes it up again (test-clock accounts too). A drainer holding the account's
     * lock takes it up at once, since the lock proves no other drainer is alive.
     */
    leaseUntil: instant('lease_until'),
    finishedAt: instant('finished_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('jobs_id_idx').on(t.id),
    primaryKey({ name: 'jobs_pkey', columns: [t.accountId, t.id] }),
    // Keys name their account (`settle:{account}:{day}`); the account leads (issue 11 item 4).
    uniqueIndex('jobs_key_uq').on(t.accountId, t.key),
    index('jobs_due_idx').on(t.status, t.runAt),
    index('jobs_account_idx').on(t.accountId, t.status, t.runAt),
    index('jobs_lease_idx').on(t.leaseUntil).where(sql`status = 'running'`),
  ],
);

/** One attempt at a job, readable by admins. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    accountId: uuid('account_id').notNull(),
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
  (t) => [primaryKey({ name: 'job_runs_pkey', columns: [t.accountId, t.id] }), index('job_runs_job_idx').on(t.jobId)],
);

/**
 * Per-account cursors of the job planner (lib/jobs/planner.ts): how far derived jobs
 * were planned, and up to which usage record id late usage was looked for; and the
 * account's entry in the due index (lib/jobs/schedule.ts). The cursors are only an
 * optimisation: the unique job keys are what keep a job from existing twice.
 */
export const jobPlannerState = pgTable(
  'job_planner_state',
  {
    accountId: uuid('account_id').primaryKey(),
    /** Last local day whose `settle:` job exists. */
    settlePlannedThrough: date('settle_planned_through', { mode: 'string' }),
    /** First day of the last month whose `monthly:` job exists. */
    monthlyPlannedThrough: date('monthly_planned_through', { mode: 'string' }),
    /** Usage records with id <= this were checked for late usage of settled days. */
    usageCheckedThrough: bigint('usage_checked_through', { mode: 'number' }).notNull().default(0),
    /**
     * Real time at which the real-time loop next has work for this account: its earliest
     * queued or implied job, `now()` when something it depends on changed (set by triggers
     * on accounts, packages, free-minute grants, test clocks and retried jobs, and by the
     * loop for new usage), a claim lease while a worker drains it; null for an account on
     * a test clock (its advances run its jobs). The loop reads only rows due by now.
     */
    nextDueAt: instant('next_due_at'),
    /** Bumped by every change that may move `nextDueAt`: a recompute writes only if it read the same value. */
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(0),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('job_planner_state_due_idx').on(t.nextDueAt)],
);

/** Global cursors of the planner: `usage` = usage records with id <= `through` were looked at for late usage. */
export const jobPlannerCursors = pgTable('job_planner_cursors', {
  name: text('name').primaryKey(),
  through: bigint('through', { mode: 'number' }).notNull().default(0),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
