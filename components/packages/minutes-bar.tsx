import type { Decimal } from '@/lib/money/decimal';
import { formatQuantity } from '@/lib/money/format';

/** Minutes used and left, with a bar. */
export function MinutesBar({ used, total, label = 'minutes' }: { used: Decimal; total: Decimal; label?: string }) {
  const pct = total.isZero() ? 0 : Math.min(100, used.dividedBy(total).times(100).toNumber());
  const left = total.minus(used);
  return (
    <div>
      <div className="flex justify-between text-sm">
        <span className="tabular-nums text-slate-900">
          {formatQuantity(used)} used
        </span>
        <span className="tabular-nums text-slate-500">
          {formatQuantity(left.isNegative() ? 0 : left)} of {formatQuantity(total)} {label} left
        </span>
      </div>
      <div className="mt-1.5 h-2 rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label={`${label} used`}>
        <div className={`h-2 rounded-full ${pct >= 90 ? 'bg-rose-500' : pct >= 70 ? 'bg-amber-500' : 'bg-indigo-500'}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
