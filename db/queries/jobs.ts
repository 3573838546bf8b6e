import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts, jobRuns, jobs } from '@/db/schema';

export const JOB_RUN_SORTS = ['started', 'business', 'kind', 'outcome', 'account'] as const;
export type JobRunSort = (typeof JOB_RUN_SORTS)[number];

/** Job runs for the admin page (every account: admins only), sorted and paged in SQL. */
export async function listJobRuns(
  db: DbOrTx,
  p: { sort: JobRunSort; dir: 'asc' | 'desc'; limit: number; offset: number; outcome?: 'running' | 'succeeded' | 'failed'; kind?: string },
) {
  const col: Record<JobRunSort, SQL | typeof jobRuns.id> = {
    started: sql`${jobRuns.startedAt}`,
    business: sql`${jobRuns.businessTime}`,
    kind: sql`${jobRuns.kind}`,
    outcome: sql`${jobRuns.outcome}`,
    account: sql`${accounts.name}`,
  };
  const where = and(p.outcome ? eq(jobRuns.outcome, p.outcome) : undefined, p.kind ? eq(jobRuns.kind, p.kind) : undefined);
  const order = p.dir === 'asc' ? asc : desc;
  const rows = await db
    .select({
      id: jobRuns.id,
      key: jobRuns.key,
      kind: jobRuns.kind,
      accountId: jobRuns.accountId,
      accountName: accounts.name,
      businessTime: jobRuns.businessTime,
      startedAt: jobRuns.startedAt,
      finishedAt: jobRuns.finishedAt,
      outcome: jobRuns.outcome,
      error: jobRuns.error,
      result: jobRuns.result,
      worker: jobRuns.worker,
      attempts: jobs.attempts,
      jobStatus: jobs.status,
    })
    .from(jobRuns)
    .leftJoin(accounts, eq(accounts.id, jobRuns.accountId))
    .leftJoin(jobs, eq(jobs.id, jobRuns.jobId))
    .where(where)
    .orderBy(order(col[p.sort]), order(jobRuns.id))
    .limit(p.limit)
    .offset(p.offset);
  const [total] = await db.select({ n: count() }).from(jobRuns).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Jobs per status, for the admin page's summary. */
export async function countJobsByStatus(db: DbOrTx) {
  const rows = await db.select({ status: jobs.status, n: count() }).from(jobs).groupBy(jobs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<'pending' | 'running' | 'done' | 'failed' | 'dead', number>>;
}

/** Dead jobs (failed every attempt): they wait for an admin. */
export async function listDeadJobs(db: DbOrTx, limit = 20) {
  return db
    .select({ id: jobs.id, key: jobs.key, kind: jobs.kind, runAt: jobs.runAt, attempts: jobs.attempts, lastError: jobs.lastError, accountId: jobs.accountId, accountName: accounts.name })
    .from(jobs)
    .leftJoin(accounts, eq(accounts.id, jobs.accountId))
    .where(eq(jobs.status, 'dead'))
    .orderBy(asc(jobs.runAt))
    .limit(limit);
}
