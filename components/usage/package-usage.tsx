import { useLocale, useTranslations } from 'next-intl';
import type { EntitlementUsageRow } from '@/lib/usage/queries';
import { entitlementKindWord, monthlyFreeMinutesName } from '@/lib/bills/words';
import { formatQuantity } from '@/lib/money/format';
import { projectExhaustion, PROJECTION_WINDOW_DAYS } from '@/lib/usage/package-projection';
import { Badge } from '@/components/ui/badge';
import { entitlementPackageName } from '@/lib/packages/names';

/**
 * Minutes used and left per package (and the month's free minutes), with the date they
 * run out at the average daily deduction of the last 7 settled days.
 */
export function PackageUsage({ rows, today, freeMinutes = true }: { rows: EntitlementUsageRow[]; today: string; freeMinutes?: boolean }) {
  const t = useTranslations('usage.entitlements');
  const tp = useTranslations('packages');
  const locale = useLocale();
  if (rows.length === 0) {
    return <p className="text-sm text-slate-500">{freeMinutes ? t('noneFree') : t('none')}</p>;
  }
  return (
    <div className="overflow-x-auto" role="region" aria-label={t('region')} tabIndex={0}>
      <table className="min-w-full text-sm" data-testid="package-usage">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-2 pr-4 font-semibold">{t('colEntitlement')}</th>
            <th className="py-2 pr-4 font-semibold">{t('colValid')}</th>
            <th className="py-2 pr-4 text-right font-semibold">{t('colMinutes')}</th>
            <th className="py-2 pr-4 text-right font-semibold">{t('colUsed')}</th>
            <th className="py-2 pr-4 font-semibold">{t('colLeft')}</th>
            <th className="py-2 pr-4 text-right font-semibold">{t('colAvg')}</th>
            <th className="py-2 font-semibold">{t('colRunsOut')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const p = projectExhaustion(r, today);
            return (
              <tr key={r.id} className="align-top">
                <td className="py-2.5 pr-4">
                  <p className="font-medium text-slate-900">{r.product ? entitlementPackageName(tp, locale, r) : monthlyFreeMinutesName(locale)}</p>
                  <p className="text-xs text-slate-500">
                    {r.sdkAppId ? `SDKAppID ${r.sdkAppId}` : t('wholeAccount')} · {entitlementKindWord(locale, r.kind)}
                    {r.status === 'queued' && (
                      <Badge tone="yellow" className="ml-2">
                        {t('queued')}
                      </Badge>
                    )}
                  </p>
                </td>
                <td className="whitespace-nowrap py-2.5 pr-4 text-slate-600">{r.validFrom ? `${r.validFrom} – ${r.validTo}` : t('afterCurrent')}</td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{formatQuantity(r.minutes, locale)}</td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{formatQuantity(r.minutesUsed, locale)}</td>
                <td className="min-w-40 py-2.5 pr-4">
                  <p className="tabular-nums text-slate-900">{formatQuantity(p.remaining.toDecimalPlaces(2), locale)}</p>
                  <div className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                    <div className={`h-full rounded-full ${p.usedPercent >= 90 ? 'bg-rose-500' : p.usedPercent >= 70 ? 'bg-amber-500' : 'bg-emerald-500'}`} style={{ width: `${p.usedPercent}%` }} />
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">{t('usedPercent', { percent: p.usedPercent })}</p>
                </td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{p.daysObserved > 0 && !p.averagePerDay.isZero() ? formatQuantity(p.averagePerDay.toDecimalPlaces(1), locale) : '—'}</td>
                <td className="py-2.5 text-slate-700">
                  {p.state === 'exhausts' && <span className="font-medium text-amber-700">{p.exhaustsOn}</span>}
                  {p.state === 'outlasts' && <span>{t('lasts', { validTo: r.validTo ?? '' })}</span>}
                  {p.state === 'used-up' && <span className="font-medium text-rose-700">{t('usedUp')}</span>}
                  {p.state === 'no-rate' && <span className="text-slate-500">{t('noRate', { days: PROJECTION_WINDOW_DAYS })}</span>}
                  {p.state === 'queued' && <span className="text-slate-500">{t('startsLater')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-slate-500">{t('note', { days: PROJECTION_WINDOW_DAYS })}</p>
    </div>
  );
}
