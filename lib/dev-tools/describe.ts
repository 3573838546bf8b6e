/** One line about what a job run did, for the developer timeline and the admin job runs (no internals). */
export function describeRunResult(kind: string, result: unknown, error?: string | null): string {
  if (error) return error;
  if (!result || typeof result !== 'object') return '';
  const r = result as Record<string, unknown>;
  const outcome = String(r.outcome ?? '');
  switch (kind) {
    case 'settle':
    case 'adjust':
      if (outcome === 'billed') {
        const free = Array.isArray(r.freeExhaustedApps) && r.freeExhaustedApps.length ? `; free edition used up: ${r.freeExhaustedApps.join(', ')}` : '';
        return `${r.kind === 'adjustment' ? 'Adjustment bill' : 'Bill'} ${r.billNumber}: ${r.total} ${r.currency} (${r.records} record${r.records === 1 ? '' : 's'}, ${r.lines} line${r.lines === 1 ? '' : 's'})${free}`;
      }
      if (outcome === 'no-usage') return 'No usage: no bill';
      if (outcome === 'no-change') return 'Late records change nothing';
      return `Skipped: ${r.reason ?? ''}`;
    case 'monthly':
      if (outcome === 'billed') return `Monthly bill ${r.billNumber}: ${r.total} ${r.currency}`;
      if (outcome === 'no-usage') return 'No monthly items';
      return `Skipped: ${r.reason ?? ''}`;
    case 'package-expiry':
      return outcome === 'renewed' ? 'Renewed (charged to the balance)' : outcome === 'renewal_failed' ? 'Renewal failed: balance too low; back on Free' : outcome === 'expired' ? (r.activatedQueuedId ? 'Expired; queued package activated' : 'Expired') : 'Skipped';
    case 'free-minutes':
      return r.created ? '10,000 free minutes granted' : 'Already granted';
    case 'suspend':
      return outcome === 'suspended' ? 'Suspended for arrears' : `Not suspended: ${r.reason ?? ''}`;
    case 'reclaim': {
      if (outcome !== 'reclaimed') return `Not reclaimed: ${r.reason ?? ''}`;
      const d = (r.details ?? {}) as Record<string, unknown>;
      const apps = Array.isArray(d.applications) ? d.applications.length : 0;
      return `Reclaimed: ${apps} application(s), ${d.usageRecords ?? 0} usage record(s), ${d.packages ?? 0} package(s) deleted`;
    }
    default:
      return outcome;
  }
}
