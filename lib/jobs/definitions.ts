import { z } from 'zod';
import { reclaimAccount, suspendForArrears } from '@/lib/enforcement/service';
import { grantMonthlyFreeMinutes, processPackageExpiry } from '@/lib/packages/lifecycle';
import { noticeJobPayloadSchema } from '@/lib/notices/moments';
import { runTimedNotice } from '@/lib/notices/timed';
import { localDateSchema } from '@/lib/rating/schemas';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { settleDay } from '@/lib/settlement/settle-day';
import { settleMonth } from '@/lib/settlement/monthly';
import { maintainUsagePartitions } from '@/lib/usage/partitions';
import { defineJob, type JobDefinition } from './define';

/**
 * Every kind of scheduled work and what runs it (lifecycle.md, Time: "settlements,
 * renewals, expiries, overdue to suspended, reclamation, free-minute grants"), each
 * declared once with `defineJob`. Each handler runs in the transaction that marks its job
 * done; `now` is the job's due instant on the account's clock.
 *
 * Priorities order jobs due at the same instant. At 00:00 of day D+1: settle day D (it may
 * use packages valid through D), late-usage adjustments, the month's bill on the 1st, then
 * package expiries and renewals, then the new free minutes, then timed notices (so they
 * see the day's charges), then enforcement: a warning due at the same instant as a
 * suspension comes before it (lifecycle.md, Notices).
 */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const instantIso = z.iso.datetime();
const usageId = z.int().nonnegative();

export const settleJob = defineJob({
  name: 'settle',
  label: 'Daily settlement',
  priority: 10,
  payload: z.object({ day: localDateSchema }),
  prepare: (db) => safeUsageWatermark(db),
  handler: (tx, { accountId, payload, now, prepared }) => settleDay(tx, { accountId, day: payload.day, now, throughId: prepared, mode: 'daily' }),
});

export const adjustJob = defineJob({
  name: 'adjust',
  label: 'Late-usage adjustment',
  priority: 15,
  payload: z.object({ day: localDateSchema, throughId: usageId }),
  prepare: (db) => safeUsageWatermark(db),
  handler: (tx, { accountId, payload, now, prepared }) => settleDay(tx, { accountId, day: payload.day, now, throughId: Math.max(prepared, payload.throughId), mode: 'adjust' }),
});

export const monthlyJob = defineJob({
  name: 'monthly',
  label: 'Monthly bill',
  priority: 20,
  payload: z.object({ month }),
  prepare: (db) => safeUsageWatermark(db),
  handler: (tx, { accountId, payload, now, prepared }) => settleMonth(tx, { accountId, month: payload.month, now, throughId: prepared, mode: 'monthly' }),
});

export const monthlyAdjustJob = defineJob({
  name: 'monthly-adjust',
  label: 'Late-usage adjustment (month)',
  priority: 25,
  payload: z.object({ month, throughId: usageId }),
  prepare: (db) => safeUsageWatermark(db),
  handler: (tx, { accountId, payload, now, prepared }) => settleMonth(tx, { accountId, month: payload.month, now, throughId: Math.max(prepared, payload.throughId), mode: 'adjust' }),
});

export const packageExpiryJob = defineJob({
  name: 'package-expiry',
  label: 'Package expiry / renewal',
  priority: 30,
  payload: z.object({ packageId: z.guid(), validTo: localDateSchema }),
  handler: async (tx, { payload, now }) => ({ ...(await processPackageExpiry(tx, payload.packageId, now)) }),
});

export const freeMinutesJob = defineJob({
  name: 'free-minutes',
  label: 'Monthly free minutes',
  priority: 40,
  payload: z.object({ validFrom: localDateSchema }),
  // The grant resumes applications stopped for having used up the free edition, and tells
  // each (lifecycle.md, Packages; Notices: application.resumed).
  handler: async (tx, { accountId, now }) => ({ ...(await grantMonthlyFreeMinutes(tx, accountId, now)) }),
});

// Timed notices (lifecycle.md, Notices): the handler re-checks the cause at the moment.
export const noticeJob = defineJob({
  name: 'notice',
  label: 'Timed notice',
  priority: 45,
  payload: noticeJobPayloadSchema,
  handler: async (tx, { accountId, payload, now }) => ({ ...(await runTimedNotice(tx, accountId, payload, now)) }),
});

export const suspendJob = defineJob({
  name: 'suspend',
  label: 'Suspension for arrears',
  priority: 50,
  payload: z.object({ overdueSince: instantIso }),
  handler: async (tx, { accountId, payload, now }) => ({ ...(await suspendForArrears(tx, accountId, new Date(payload.overdueSince), now)) }),
});

export const reclaimJob = defineJob({
  name: 'reclaim',
  label: 'Reclamation',
  priority: 60,
  payload: z.object({ suspendedAt: instantIso }),
  handler: async (tx, { accountId, payload, now }) => ({ ...(await reclaimAccount(tx, accountId, new Date(payload.suspendedAt), now)) }),
});

// The maintenance lane (lib/jobs/system-lane.ts), monthly: usage partitions ahead, retention (issue 11 item 3).
export const usagePartitionsJob = defineJob({
  name: 'usage-partitions',
  label: 'Usage partitions ahead and retention',
  priority: 5,
  payload: z.object({ month }),
  handler: async (tx, { now }) => ({ ...(await maintainUsagePartitions(tx, now)) }),
});

/** Every job kind, by name. Keys are the `jobs.kind` values. */
export const JOBS = {
  settle: settleJob,
  adjust: adjustJob,
  monthly: monthlyJob,
  'monthly-adjust': monthlyAdjustJob,
  'package-expiry': packageExpiryJob,
  'free-minutes': freeMinutesJob,
  notice: noticeJob,
  suspend: suspendJob,
  reclaim: reclaimJob,
  'usage-partitions': usagePartitionsJob,
} as const;

export type JobDefinitions = typeof JOBS;
export type JobKind = keyof JobDefinitions;
export const JOB_KINDS = Object.keys(JOBS) as JobKind[];
export const JOB_PRIORITY = Object.fromEntries(JOB_KINDS.map((k) => [k, JOBS[k].priority])) as Record<JobKind, number>;
export const JOB_LABEL = Object.fromEntries(JOB_KINDS.map((k) => [k, JOBS[k].label])) as Record<JobKind, string>;

export function isJobKind(v: string): v is JobKind {
  return Object.hasOwn(JOBS, v);
}

/** Test hook: run another handler for a kind (a simulated outage, a pause mid-transaction). Returns the restore. */
const overrides = new Map<JobKind, JobDefinition['handler']>();
export function overrideJobHandler<K extends JobKind>(kind: K, handler: JobDefinitions[K]['handler']): () => void {
  overrides.set(kind, handler as JobDefinition['handler']);
  return () => overrides.delete(kind);
}

/** The definition the runner uses for a kind (with a test override, if any). */
export function jobDefinition(kind: string): JobDefinition | undefined {
  if (!isJobKind(kind)) return undefined;
  const def = JOBS[kind] as unknown as JobDefinition;
  const override = overrides.get(kind);
  return override ? { ...def, handler: override } : def;
}
