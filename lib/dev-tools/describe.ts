import type { getTranslations } from 'next-intl/server';
import type { MESSAGES } from '@/lib/i18n/messages';
import { isJobKind } from '@/lib/jobs/definitions';

/** The `dev` namespace's translator (server pages and actions: `await getTranslations('dev')`). */
export type DevTranslator = Awaited<ReturnType<typeof getTranslations<'dev'>>>;
type RunKey = keyof (typeof MESSAGES)['en']['dev']['runs'];

/**
 * One line about what a job run did, for the developer timeline and the admin job runs (no
 * internals), as a message of the `dev.runs` catalogue and its arguments, worded in the page's
 * language by `runSummary`. A job's error (lib/ text) is shown as it is.
 */
export type RunDescription = { key: RunKey; values?: Record<string, string | number> } | { text: string };

export function describeRunResult(kind: string, result: unknown, error?: string | null): RunDescription {
  if (error) return { text: error };
  if (!result || typeof result !== 'object') return { text: '' };
  const r = result as Record<string, unknown>;
  const outcome = String(r.outcome ?? '');
  const reason = String(r.reason ?? '');
  switch (kind) {
    case 'settle':
    case 'adjust':
      if (outcome === 'billed') {
        const freeApps = Array.isArray(r.freeExhaustedApps) && r.freeExhaustedApps.length ? r.freeExhaustedApps.join(', ') : null;
        const values = { number: String(r.billNumber), total: String(r.total), currency: String(r.currency), records: Number(r.records), lines: Number(r.lines), ...(freeApps ? { apps: freeApps } : {}) };
        const adjustment = r.kind === 'adjustment';
        return { key: adjustment ? (freeApps ? 'adjustmentBillFree' : 'adjustmentBill') : freeApps ? 'billFree' : 'bill', values };
      }
      if (outcome === 'no-usage') return { key: 'noUsage' };
      if (outcome === 'no-change') return { key: 'noChange' };
      return { key: 'skippedBecause', values: { reason } };
    case 'monthly':
      if (outcome === 'billed') return { key: 'monthlyBilled', values: { number: String(r.billNumber), total: String(r.total), currency: String(r.currency) } };
      if (outcome === 'no-usage') return { key: 'noMonthly' };
      return { key: 'skippedBecause', values: { reason } };
    case 'package-expiry':
      return { key: outcome === 'renewed' ? 'renewed' : outcome === 'renewal_failed' ? 'renewalFailed' : outcome === 'expired' ? (r.activatedQueuedId ? 'expiredQueued' : 'expired') : 'skipped' };
    case 'free-minutes':
      return { key: r.created ? 'freeGranted' : 'alreadyGranted' };
    case 'suspend':
      return outcome === 'suspended' ? { key: 'suspended' } : { key: 'notSuspended', values: { reason } };
    case 'reclaim': {
      if (outcome !== 'reclaimed') return { key: 'notReclaimed', values: { reason } };
      const d = (r.details ?? {}) as Record<string, unknown>;
      const apps = Array.isArray(d.applications) ? d.applications.length : 0;
      return { key: 'reclaimed', values: { apps, records: Number(d.usageRecords ?? 0), packages: Number(d.packages ?? 0) } };
    }
    default:
      return { text: outcome };
  }
}

/** The line in the translator's language. */
export function runSummary(t: DevTranslator, d: RunDescription): string {
  return 'text' in d ? d.text : t(`runs.${d.key}`, d.values);
}

/** A job kind's name in the translator's language (lib/jobs/definitions.ts JOBS). */
export function jobLabel(t: DevTranslator, kind: string): string {
  return isJobKind(kind) ? t(`jobKinds.${kind}`) : kind;
}
