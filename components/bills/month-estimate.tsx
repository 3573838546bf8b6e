import type { MonthEstimate } from '@/lib/settlement/monthly';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { addDays, lastDayOfMonth } from '@/lib/time/local-date';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';

const UNIT_SHORT: Record<string, string> = { minute: 'min', Mbps: 'Mbps', 'thousand images': 'thousand images', 'thousand calls': 'thousand calls' };

/** When the month's bill is issued: the 1st of the next month, 00:00 (UTC+8). */
export function monthBillDay(month: string): string {
  return addDays(lastDayOfMonth(`${month}-01`), 1);
}

/**
 * "Month so far (estimate)" for a book that rounds per month (issue 12 item 2; seed 000 ·
 * Notes · Precision): the month's usage so far rated by lib/rating (lib/settlement's
 * estimateMonth), clearly marked as an estimate and never shown as a bill.
 */
export function MonthEstimateCard({ estimate }: { estimate: MonthEstimate }) {
  const currency = estimate.currency as 'USD' | 'CNY';
  return (
    <Card>
      <div data-testid="month-estimate">
        <CardHeader
          title={
            <span className="flex items-center gap-2">
              Month so far (estimate) <Badge tone="yellow">Estimate · not a bill</Badge>
            </span>
          }
          description={`${estimate.month}-01 – ${estimate.through}: the usage received so far, rated as the month’s bill will rate it (minutes rounded up per application and month, packages deducted). The bill itself is issued on ${monthBillDay(estimate.month)} and includes usage still to come.`}
        />
        {estimate.lines.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">No usage this month yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
              <tr>
                <th className="px-5 py-2">Item</th>
                <th className="px-5 py-2">Application</th>
                <th className="px-5 py-2 text-right">Usage</th>
                <th className="px-5 py-2 text-right">To pay</th>
                <th className="px-5 py-2 text-right">Price</th>
                <th className="px-5 py-2 text-right">Amount</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {estimate.lines.map((l) => {
                const unit = UNIT_SHORT[l.unit] ?? l.unit;
                return (
                  <tr key={`${l.sdkAppId}-${l.item}`} data-testid="estimate-line" data-item={l.item}>
                    <td className="px-5 py-2 font-medium text-slate-900">{l.name}</td>
                    <td className="px-5 py-2 font-mono text-xs text-slate-500">{l.sdkAppId ?? 'account'}</td>
                    <td className="px-5 py-2 text-right tabular-nums">
                      {formatQuantity(l.usage)} {unit}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums">
                      {formatQuantity(l.quantity)} {unit}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums text-slate-500">
                      {l.unitPrice} {currency} / {l.per === 1 ? unit : `${l.per.toLocaleString('en-US')} ${unit}`}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums">{l.amount}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-200 font-semibold">
                <td className="px-5 py-2" colSpan={5}>
                  Estimated total so far
                </td>
                <td className="px-5 py-2 text-right tabular-nums" data-testid="estimate-total">
                  ≈ {formatMoney(estimate.total, currency)}
                </td>
              </tr>
            </tfoot>
          </table>
        )}
      </div>
    </Card>
  );
}
