import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { accounts, daySettlements, freeMinuteGrants, jobPlannerState, jobs, monthSettlements, packages, usageRecords } from '@/db/schema';
import { findPriceBook } from '@/lib/rating';
import { hasMonthlyFreeMinutes } from '@/lib/packages/free-minutes';
import { MONTHLY_TYPES } from '@/lib/settlement/day-window';
import { addDays, startOfMonth, type LocalDate } from '@/lib/time/local-date';
import { planNoticeJobs } from '@/lib/notices/moments';
import { planAccountJobs, type PlannerFacts } from './planner';
import { JOBS, JOB_PRIORITY } from './definitions';
import type { JobSpec } from './types';
import { DEFAULT_MAX_ATTEMPTS } from './backoff';
import { isSystemLane, planSystemJobs } from './system-lane';

/** Read what the planner needs about one account. `usageThrough`: a safe usage watermark, or null to skip the late-usage check. */
export async function loadPlannerFacts(db: Database, accountId: string, now: Date, usageThrough: number | null): Promise<(PlannerFacts & { usageCheckedThrough: number }) | null> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) return null;
  const [state] = await db.select().from(jobPlannerState).where(eq(jobPlannerState.accountId, accountId)).limit(1);
  const active = await db
    .select({ id: packages.id, validFrom: packages.validFrom, validTo: packages.validTo })
    .from(packages)
    .where(and(eq(packages.accountId, accountId), eq(packages.status, 'active'), sql`${packages.validTo} is not null`));
  const [grant] = await db
    .select({ validFrom: freeMinuteGrants.validFrom, validTo: freeMinuteGrants.validTo })
    .from(freeMinuteGrants)
    .where(eq(freeMinuteGrants.accountId, accountId))
    .orderBy(desc(freeMinuteGrants.validFrom))
    .limit(1);
  const checked = state?.usageCheckedThrough ?? 0;
  const book = findPriceBook(account.priceBookId);
  const durationPeriod = book?.rounding.period ?? 'day';
  const checkLate = usageThrough !== null && usageThrough > checked;
  const lateUsage = checkLate && durationPeriod === 'day' ? await findLateUsage(db, accountId, checked, usageThrough) : [];
  const lateMonths = checkLate ? await findLateMonths(db, accountId, checked, usageThrough, durationPeriod === 'month') : [];
  return {
    accountId,
    registeredAt: account.registeredAt,
    status: account.status,
    suspensionReason: account.suspensionReason,
    overdueSince: account.overdueSince,
    suspendedAt: account.suspendedAt,
    settlePlannedThrough: state?.settlePlannedThrough ?? null,
    monthlyPlannedThrough: state?.monthlyPlannedThrough ?? null,
    activePackages: active.filter((p): p is { id: string; validFrom: string | null; validTo: string } => !!p.validTo),
    belowThresholdSince: account.belowThresholdSince,
    lastFreeGrant: grant ?? null,
    lateUsage,
    lateMonths,
    durationPeriod,
    // Decision: the monthly free minutes are seed 003's; a book without a free ratio table (seeds 000, 001) grants none.
    freeMinutes: hasMonthlyFreeMinutes(account),
    now,
    usageCheckedThrough: usageThrough !== null && usageThrough > checked ? usageThrough : checked,
  };
}

/**
 * Settled days with usage records above their watermark (lifecycle.md, Settlement and
 * bills: late usage goes on an adjustment bill). Only records above the account's
 * checked-through id are looked at, so each record is examined once. A record starting
 * on L that crosses midnight also concerns L+1.
 */
async function findLateUsage(db: Database, accountId: string, fromId: number, throughId: number): Promise<{ day: LocalDate; maxId: number }[]> {
  const rows = await db
    .select({ day: usageRecords.localDay, maxId: sql<string>`max(${usageRecords.id})` })
    .from(usageRecords)
    .where(and(eq(usageRecords.accountId, accountId), gt(usageRecords.id, fromId), lte(usageRecords.id, throughId)))
    .groupBy(usageRecords.localDay);
  if (rows.length === 0) return [];
  const candidates = new Map<LocalDate, number>();
  for (const r of rows) {
    const id = Number(r.maxId);
    for (const d of [r.day, addDays(r.day, 1)]) candidates.set(d, Math.max(candidates.get(d) ?? 0, id));
  }
  const settled = await db
    .select({ day: daySettlements.localDay, through: daySettlements.lastUsageRecordId })
    .from(daySettlements)
    .where(and(eq(daySettlements.accountId, accountId), sql`${daySettlements.localDay} in ${[...candidates.keys()]}`));
  return settled.filter((s) => (candidates.get(s.day) ?? 0) > s.through).map((s) => ({ day: s.day, maxId: candidates.get(s.day) as number }));
}

/**
 * Billed months with records above their watermark (lifecycle.md, Settlement and bills:
 * late usage goes on an adjustment bill): monthly items for every book, and every record
 * for a book rounding per month (a record starting on a month's last day may run into the next).
 */
async function findLateMonths(db: Database, accountId: string, fromId: number, throughId: number, allTypes: boolean): Promise<{ month: LocalDate; maxId: number }[]> {
  const rows = await db
    .select({ day: usageRecords.localDay, maxId: sql<string>`max(${usageRecords.id})` })
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.accountId, accountId),
        gt(usageRecords.id, fromId),
        lte(usageRecords.id, throughId),
        allTypes ? undefined : sql`${usageRecords.type} in ${[...MONTHLY_TYPES]}`,
      ),
    )
    .groupBy(usageRecords.localDay);
  if (rows.length === 0) return [];
  const candidates = new Map<LocalDate, number>();
  for (const r of rows) {
    const id = Number(r.maxId);
    const months = allTypes ? [startOfMonth(r.day), startOfMonth(addDays(r.day, 1))] : [startOfMonth(r.day)];
    for (const m of months) candidates.set(m, Math.max(candidates.get(m) ?? 0, id));
  }
  const settled = await db
    .select({ month: monthSettlements.month, through: monthSettlements.lastUsageRecordId })
    .from(monthSettlements)
    .where(and(eq(monthSettlements.accountId, accountId), sql`${monthSettlements.month} in ${[...candidates.keys()]}`));
  return settled.filter((s) => (candidates.get(s.month) ?? 0) > s.through).map((s) => ({ month: s.month, maxId: candidates.get(s.month) as number }));
}

/**
 * Plan an account up to `until` (its own time): insert every job its state implies with
 * ON CONFLICT (key) DO NOTHING (the unique key is the guarantee), and move the cursors.
 * Returns how many jobs were new.
 */
export async function planAccount(db: Database, accountId: string, options: { until: Date; now: Date; usageThrough: number | null }): Promise<number> {
  if (isSystemLane(accountId)) return insertJobs(db, planSystemJobs(options.now).filter((j) => j.runAt <= options.until));
  const facts = await loadPlannerFacts(db, accountId, options.now, options.usageThrough);
  if (!facts) return 0;
  const plan = planAccountJobs(facts, options.until);
  // Timed notices (lifecycle.md, Notices): the warnings, balance reminders and package expiry warnings the state implies.
  plan.jobs.push(...planNoticeJobs({ ...facts, belowThresholdSince: facts.belowThresholdSince ?? null, activePackages: facts.activePackages.map((p) => ({ id: p.id, validFrom: p.validFrom ?? null, validTo: p.validTo })) }, options.until));
  return db.transaction(async (tx) => {
    const inserted = plan.jobs.length ? await insertJobs(tx as unknown as Database, plan.jobs) : 0;
    await tx
      .insert(jobPlannerState)
      .values({
        accountId,
        settlePlannedThrough: plan.settlePlannedThrough,
        monthlyPlannedThrough: plan.monthlyPlannedThrough,
        usageCheckedThrough: facts.usageCheckedThrough,
        updatedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: jobPlannerState.accountId,
        set: {
          // Cursors only move forward, whoever planned last.
          settlePlannedThrough: sql`greatest(${jobPlannerState.settlePlannedThrough}, excluded.settle_planned_through)`,
          monthlyPlannedThrough: sql`greatest(${jobPlannerState.monthlyPlannedThrough}, excluded.monthly_planned_through)`,
          usageCheckedThrough: sql`greatest(${jobPlannerState.usageCheckedThrough}, excluded.usage_checked_through)`,
          updatedAt: new Date(),
        },
      });
    return inserted;
  });
}

export async function insertJobs(db: Database, specs: JobSpec[]): Promise<number> {
  // The payload is checked against its kind's schema where it is enqueued, not only where it runs.
  for (const s of specs) {
    const parsed = JOBS[s.kind].payload.safeParse(s.payload);
    if (!parsed.success) throw new Error(`job ${s.key}: payload does not match the "${s.kind}" schema: ${parsed.error.message}`);
  }
  const rows = await db
    .insert(jobs)
    .values(
      specs.map((s) => ({
        accountId: s.accountId,
        key: s.key,
        kind: s.kind,
        runAt: s.runAt,
        priority: JOB_PRIORITY[s.kind],
        payload: s.payload,
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
      })),
    )
    .onConflictDoNothing({ target: [jobs.accountId, jobs.key] })
    .returning({ id: jobs.id });
  return rows.length;
}
