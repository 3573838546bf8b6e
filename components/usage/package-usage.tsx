import type { EntitlementUsageRow } from '@/db/queries/usage';
import { formatQuantity } from '@/lib/money/format';
import { projectExhaustion, PROJECTION_WINDOW_DAYS } from '@/lib/usage/package-projection';
import { Badge } from '@/components/ui/badge';

/**
 * Minutes used and left per package (and the month's free minutes), with the date they
 * run out at the average daily deduction of the last 7 settled days.
 */
export function PackageUsage({ rows, today, freeMinutes = true }: { rows: EntitlementUsageRow[]; today: string; freeMinutes?: boolean }) {
  if (rows.length === 0) {
    return <p className="text-sm text-slate-500">{freeMinutes ? 'No packages or free minutes are valid today.' : 'No package is valid today: usage is billed pay-as-you-go.'} Buy a package on the Packages page to cover media minutes.</p>;
  }
  return (
    <div className="overflow-x-auto" role="region" aria-label="Packages and free minutes" tabIndex={0}>
      <table className="min-w-full text-sm" data-testid="package-usage">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-2 pr-4 font-semibold">Entitlement</th>
            <th className="py-2 pr-4 font-semibold">Valid</th>
            <th className="py-2 pr-4 text-right font-semibold">Minutes</th>
            <th className="py-2 pr-4 text-right font-semibold">Used</th>
            <th className="py-2 pr-4 font-semibold">Left</th>
            <th className="py-2 pr-4 text-right font-semibold">Avg / day</th>
            <th className="py-2 font-semibold">Runs out</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const p = projectExhaustion(r, today);
            return (
              <tr key={r.id} className="align-top">
                <td className="py-2.5 pr-4">
                  <p className="font-medium text-slate-900">{r.name}</p>
                  <p className="text-xs text-slate-500">
                    {r.sdkAppId ? `SDKAppID ${r.sdkAppId}` : 'Whole account'} · {r.kind}
                    {r.status === 'queued' && (
                      <Badge tone="yellow" className="ml-2">
                        Queued
                      </Badge>
                    )}
                  </p>
                </td>
                <td className="whitespace-nowrap py-2.5 pr-4 text-slate-600">{r.validFrom ? `${r.validFrom} – ${r.validTo}` : 'after the current one'}</td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{formatQuantity(r.minutes)}</td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{formatQuantity(r.minutesUsed)}</td>
                <td className="min-w-40 py-2.5 pr-4">
                  <p className="tabular-nums text-slate-900">{formatQuantity(p.remaining.toDecimalPlaces(2))}</p>
                  <div className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                    <div className={`h-full rounded-full ${p.usedPercent >= 90 ? 'bg-rose-500' : p.usedPercent >= 70 ? 'bg-amber-500' : 'bg-emerald-500'}`} style={{ width: `${p.usedPercent}%` }} />
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">{p.usedPercent}% used</p>
                </td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{p.daysObserved > 0 && !p.averagePerDay.isZero() ? formatQuantity(p.averagePerDay.toDecimalPlaces(1)) : '—'}</td>
                <td className="py-2.5 text-slate-700">
                  {p.state === 'exhausts' && <span className="font-medium text-amber-700">{p.exhaustsOn}</span>}
                  {p.state === 'outlasts' && <span>Lasts until it expires ({r.validTo})</span>}
                  {p.state === 'used-up' && <span className="font-medium text-rose-700">Used up</span>}
                  {p.state === 'no-rate' && <span className="text-slate-500">No deductions in the last {PROJECTION_WINDOW_DAYS} days</span>}
                  {p.state === 'queued' && <span className="text-slate-500">Starts when the current package expires</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-slate-500">
        Minutes are package minutes (video counts at its ratio, e.g. HD 1:4). &ldquo;Runs out&rdquo; assumes the average daily deduction of the last {PROJECTION_WINDOW_DAYS} settled
        days (before today) goes on; deductions are made when each day is settled.
      </p>
    </div>
  );
}
