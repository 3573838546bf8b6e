import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';
import { arrearsGraceEnd, reclaimableAfter } from '@/lib/enforcement/timing';
import { addDays, endOfLocalDay, lastDayOfMonth, localDate, startOfLocalDay, startOfMonth, type LocalDate } from '@/lib/time/local-date';
import { expiryInstant } from '@/lib/packages/rules';
import type { JobSpec } from './types';

/**
 * The job planner (pure): which jobs an account's state implies up to `until`. The
 * caller inserts them with ON CONFLICT (key) DO NOTHING, runs the earliest due one and
 * plans again, since a job may create new state (a renewal creates a new expiry, a
 * charge makes the account overdue). Every instant is the account's time (lifecycle.md, Time).
 */
export type PlannerFacts = {
  accountId: string;
  registeredAt: Date;
  status: AccountStatus;
  suspensionReason: SuspensionReason | null;
  overdueSince: Date | null;
  suspendedAt: Date | null;
  /** Last local day whose settle job was planned (null: none yet). */
  settlePlannedThrough: LocalDate | null;
  /** First day of the last month whose monthly job was planned. */
  monthlyPlannedThrough: LocalDate | null;
  /** Active packages with their first and last valid day. */
  activePackages: { id: string; validFrom?: LocalDate | null; validTo: LocalDate }[];
  /** Start of the current balance alert episode (lifecycle.md, Notices), null when not below. */
  belowThresholdSince?: Date | null;
  /** The latest monthly free-minute grant, if any. */
  lastFreeGrant: { validFrom: LocalDate; validTo: LocalDate } | null;
  /** Settled days that have usage above their settlement watermark, with the highest such id. */
  lateUsage: { day: LocalDate; maxId: number }[];
  /** The account's current time (adjustments for late usage run now). */
  now: Date;
  /**
   * How the account's book rounds durations (rating.md section 3): `month` (rtv-cny) bills
   * them on the month's bill, so no daily settlement is planned. Default `day`.
   */
  durationPeriod?: 'day' | 'month';
  /** Whether the account receives the monthly free minutes (accounts.monthly_free_minutes and a book with a free table). Default true. */
  freeMinutes?: boolean;
  /** Billed months (first day) that have usage above their watermark, with the highest such id. */
  lateMonths?: { month: LocalDate; maxId: number }[];
};

export type Plan = {
  jobs: JobSpec[];
  settlePlannedThrough: LocalDate | null;
  monthlyPlannedThrough: LocalDate | null;
};

/** Settle day D once D has ended: at 00:00 local of D+1 (lifecycle.md, Settlement and bills). */
export function settleInstant(day: LocalDate): Date {
  return endOfLocalDay(day);
}

/** Monthly items for month M on the 1st of M+1, 00:00 local (seed 003, Overdue: monthly bill on the 1st). */
export function monthlyInstant(monthStart: LocalDate): Date {
  return startOfLocalDay(nextMonthStart(monthStart));
}

/** Suspension 24 hours after the overdue instant, not at the end of a day (lifecycle.md, Time). */
export function suspensionInstant(overdueSince: Date): Date {
  return arrearsGraceEnd(overdueSince);
}

/**
 * Reclamation once suspended for arrears "more than 60 days" (lifecycle.md, Account;
 * seed 003, Resource Removal Policy): one second after the 60th day ends.
 */
export const RECLAIM_MARGIN_MS = 1_000;
export function reclamationInstant(suspendedAt: Date): Date {
  return new Date(reclaimableAfter(suspendedAt).getTime() + RECLAIM_MARGIN_MS);
}

export function nextMonthStart(date: LocalDate): LocalDate {
  return addDays(lastDayOfMonth(date), 1);
}

/** A bound so a clock moved years ahead plans in slices, re-planning as it goes. */
export const MAX_DAYS_PER_PLAN = 400;

export function planAccountJobs(f: PlannerFacts, until: Date): Plan {
  const jobs: JobSpec[] = [];
  const a = f.accountId;
  let settlePlannedThrough = f.settlePlannedThrough;
  let monthlyPlannedThrough = f.monthlyPlannedThrough;
  // A reclaimed account has nothing left to bill, renew or enforce.
  if (f.status === 'reclaimed') return { jobs, settlePlannedThrough, monthlyPlannedThrough };

  const registeredDay = localDate(f.registeredAt);

  // Daily settlement: every local day that has ended (lifecycle.md, Settlement and bills).
  let day = settlePlannedThrough ? addDays(settlePlannedThrough, 1) : registeredDay;
  const daily = (f.durationPeriod ?? 'day') === 'day';
  for (let n = 0; daily && n < MAX_DAYS_PER_PLAN && settleInstant(day) <= until; n++, day = addDays(day, 1)) {
    jobs.push({ key: `settle:${a}:${day}`, kind: 'settle', accountId: a, runAt: settleInstant(day), payload: { day } });
    settlePlannedThrough = day;
  }

  // Monthly items on the 1st for the month before.
  let month = monthlyPlannedThrough ? nextMonthStart(monthlyPlannedThrough) : startOfMonth(registeredDay);
  for (let n = 0; n < 24 && monthlyInstant(month) <= until; n++, month = nextMonthStart(month)) {
    jobs.push({ key: `monthly:${a}:${month.slice(0, 7)}`, kind: 'monthly', accountId: a, runAt: monthlyInstant(month), payload: { month: month.slice(0, 7) } });
    monthlyPlannedThrough = month;
  }

  // Package expiry (and auto-renewal) when the last valid day ends (rating.md section 6: valid through validTo inclusive).
  for (const p of f.activePackages) {
    const at = expiryInstant(p);
    if (at <= until) jobs.push({ key: `package-expiry:${p.id}:${p.validTo}`, kind: 'package-expiry', accountId: a, runAt: at, payload: { packageId: p.id, validTo: p.validTo } });
  }

  // The next monthly free minutes: the first on the registration day, then the day after each cycle.
  const nextGrant = f.lastFreeGrant ? addDays(f.lastFreeGrant.validTo, 1) : registeredDay;
  if ((f.freeMinutes ?? true) && startOfLocalDay(nextGrant) <= until) {
    jobs.push({ key: `free-minutes:${a}:${nextGrant}`, kind: 'free-minutes', accountId: a, runAt: startOfLocalDay(nextGrant), payload: { validFrom: nextGrant } });
  }

  // Overdue → suspended 24 hours after the overdue instant.
  if (f.status === 'overdue' && f.overdueSince) {
    const at = suspensionInstant(f.overdueSince);
    if (at <= until) {
      const since = f.overdueSince.toISOString();
      jobs.push({ key: `suspend:${a}:${since}`, kind: 'suspend', accountId: a, runAt: at, payload: { overdueSince: since } });
    }
  }

  // Suspended for arrears more than 60 days → reclaimed (never for a violation).
  if (f.status === 'suspended' && f.suspensionReason === 'arrears' && f.suspendedAt) {
    const at = reclamationInstant(f.suspendedAt);
    if (at <= until) {
      const since = f.suspendedAt.toISOString();
      jobs.push({ key: `reclaim:${a}:${since}`, kind: 'reclaim', accountId: a, runAt: at, payload: { suspendedAt: since } });
    }
  }

  // Late usage for settled days: an adjustment bill, never a change to an issued one.
  for (const l of f.lateUsage) {
    const at = f.now > settleInstant(l.day) ? f.now : settleInstant(l.day);
    if (at <= until) jobs.push({ key: `adjust:${a}:${l.day}:${l.maxId}`, kind: 'adjust', accountId: a, runAt: at, payload: { day: l.day, throughId: l.maxId } });
  }

  // Late usage for billed months: a monthly adjustment bill (same guarantee as for days).
  for (const l of f.lateMonths ?? []) {
    const due = monthlyInstant(l.month);
    const at = f.now > due ? f.now : due;
    if (at <= until) jobs.push({ key: `monthly-adjust:${a}:${l.month.slice(0, 7)}:${l.maxId}`, kind: 'monthly-adjust', accountId: a, runAt: at, payload: { month: l.month.slice(0, 7), throughId: l.maxId } });
  }

  jobs.sort((x, y) => x.runAt.getTime() - y.runAt.getTime());
  return { jobs, settlePlannedThrough, monthlyPlannedThrough };
}
