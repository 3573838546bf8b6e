import { useLocale, useTranslations } from 'next-intl';
import type { MonthEstimate } from '@/lib/settlement/monthly';
import { itemName, unitPriceIn, unitShort } from '@/lib/bills/words';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { addDays, lastDayOfMonth } from '@/lib/time/local-date';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';

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
  const t = useTranslations('bills.estimate');
  const locale = useLocale();
  const currency = estimate.currency as 'USD' | 'CNY';
  return (
    <Card>
      <div data-testid="month-estimate">
        <CardHeader
          title={
            <span className="flex items-center gap-2">
              {t('title')} <Badge tone="yellow">{t('badge')}</Badge>
            </span>
          }
          description={t('description', { from: `${estimate.month}-01`, through: estimate.through, billDay: monthBillDay(estimate.month) })}
        />
        {estimate.lines.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">{t('none')}</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
              <tr>
                <th className="px-5 py-2">{t('item')}</th>
                <th className="px-5 py-2">{t('application')}</th>
                <th className="px-5 py-2 text-right">{t('usage')}</th>
                <th className="px-5 py-2 text-right">{t('toPay')}</th>
                <th className="px-5 py-2 text-right">{t('price')}</th>
                <th className="px-5 py-2 text-right">{t('amount')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {estimate.lines.map((l) => {
                const unit = unitShort(locale, l.unit);
                return (
                  <tr key={`${l.sdkAppId}-${l.item}`} data-testid="estimate-line" data-item={l.item}>
                    <td className="px-5 py-2 font-medium text-slate-900">{itemName(locale, l.item, l.name)}</td>
                    <td className="px-5 py-2 font-mono text-xs text-slate-500">{l.sdkAppId ?? t('account')}</td>
                    <td className="px-5 py-2 text-right tabular-nums">
                      {formatQuantity(l.usage, locale)} {unit}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums">
                      {formatQuantity(l.quantity, locale)} {unit}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums text-slate-500">
                      {unitPriceIn(locale, l.unitPrice, currency, l.per, l.unit)}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums">{l.amount}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-200 font-semibold">
                <td className="px-5 py-2" colSpan={5}>
                  {t('total')}
                </td>
                <td className="px-5 py-2 text-right tabular-nums" data-testid="estimate-total">
                  ≈ {formatMoney(estimate.total, currency, locale)}
                </td>
              </tr>
            </tfoot>
          </table>
        )}
      </div>
    </Card>
  );
}
