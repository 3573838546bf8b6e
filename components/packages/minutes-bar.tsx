import { useLocale, useTranslations } from 'next-intl';
import type { Decimal } from '@/lib/money/decimal';
import { formatQuantity } from '@/lib/money/format';

/** Minutes used and left, with a bar. */
export function MinutesBar({ used, total, kind = 'package' }: { used: Decimal; total: Decimal; kind?: 'package' | 'free' }) {
  const t = useTranslations('packages.minutesBar');
  const locale = useLocale();
  const pct = total.isZero() ? 0 : Math.min(100, used.dividedBy(total).times(100).toNumber());
  const left = total.minus(used);
  return (
    <div>
      <div className="flex flex-wrap justify-between gap-x-3 text-sm">
        <span className="tabular-nums text-slate-900">
          {t('used', { used: formatQuantity(used, locale) })}
        </span>
        <span className="tabular-nums text-slate-500">{t('left', { left: formatQuantity(left.isNegative() ? 0 : left, locale), total: formatQuantity(total, locale), kind })}</span>
      </div>
      <div className="mt-1.5 h-2 rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label={t('aria', { kind })}>
        <div className={`h-2 rounded-full ${pct >= 90 ? 'bg-rose-500' : pct >= 70 ? 'bg-amber-500' : 'bg-indigo-500'}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
