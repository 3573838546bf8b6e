import { useTranslations } from 'next-intl';
import type { PriceComparison } from '@/lib/calculator/compare';
import type { Locale } from '@/lib/i18n/config';
import { bookName, packageName } from '@/lib/packages/names';
import { useItemName } from './item-names';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';

/** Pay-as-you-go against each package edition, cheapest highlighted, and the per-item breakdown. */
export function ComparisonResult({ comparison: c, locale }: { comparison: PriceComparison; locale: Locale }) {
  const t = useTranslations('calculator.result');
  const tu = useTranslations('calculator.units.short');
  const tp = useTranslations('packages');
  const itemName = useItemName();
  const money = (v: Parameters<typeof formatMoney>[0]) => formatMoney(v, c.currency, locale);
  const unit = (u: string) => (u === 'minute' ? tu('minute') : u === 'thousand images' ? tu('thousandImages') : u === 'thousand calls' ? tu('thousandCalls') : u);
  const optionName = (o: { catalogId: string; name: string }) => packageName(tp, { catalogCode: o.catalogId, minutes: 0 }) || o.name;
  const book = bookName(tp, { id: c.bookId, name: c.bookName });
  const cheapestId = c.cheapest.kind === 'package' ? c.cheapest.catalogId : 'payg';
  const rows = [
    { id: 'payg', name: t('paygOption'), price: '0', packageMinutes: '—', used: '—', usageAmount: c.payg.amount, total: c.payg.total, coversNothing: false },
    ...c.options.map((o) => ({ id: o.catalogId, name: optionName(o), price: o.price, packageMinutes: formatQuantity(o.packageMinutes, locale), used: formatQuantity(o.packageMinutesUsed, locale), usageAmount: o.usageAmount, total: o.total, coversNothing: o.coversNothing })),
  ];
  return (
    <div className="space-y-6" data-testid="calculator-result">
      <div className="rounded-lg bg-emerald-50 px-5 py-4 ring-1 ring-inset ring-emerald-200" data-testid="cheapest">
        <p className="text-sm font-medium text-emerald-800">{t('cheapestTitle')}</p>
        <p className="mt-1 text-xl font-semibold text-emerald-900">
          {t.rich('cheapest', {
            name: c.cheapest.kind === 'payg' ? t('payg') : (rows.find((r) => r.id === cheapestId)?.name ?? ''),
            amount: money(c.cheapest.kind === 'payg' ? c.payg.total : (c.options.find((o) => o.catalogId === cheapestId)?.total ?? '0')),
            small: (chunks) => <span className="text-sm font-normal text-emerald-800">{chunks}</span>,
          })}
        </p>
        {c.cheapest.kind === 'package' && (
          <p className="mt-0.5 text-sm text-emerald-800">{t('saves', { saving: money(c.cheapest.saving), payg: money(c.payg.total) })}</p>
        )}
      </div>

      <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200" role="region" aria-label={t('optionsRegion')} tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="calculator-options">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th className="px-4 py-2.5 text-left font-semibold">{t('columns.option')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.packagePrice')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.packageMinutes')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.minutesTaken')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.paygLeft')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.total')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const best = r.id === cheapestId;
              return (
                <tr key={r.id} className={cn(best && 'bg-emerald-50/70')} data-option={r.id} data-cheapest={best || undefined}>
                  <td className="px-4 py-2.5">
                    <span className={cn('font-medium', best ? 'text-emerald-900' : 'text-slate-900')}>{r.name}</span>
                    {best && (
                      <Badge tone="green" className="ml-2">
                        {t('cheapestBadge')}
                      </Badge>
                    )}
                    {r.coversNothing && <span className="ml-2 text-xs text-slate-500">{t('coversNothing')}</span>}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{r.id === 'payg' ? '—' : money(r.price)}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{r.packageMinutes}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{r.used}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{money(r.usageAmount)}</td>
                  <td className={cn('px-4 py-2.5 text-right font-semibold tabular-nums', best ? 'text-emerald-900' : 'text-slate-900')}>{money(r.total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200" role="region" aria-label={t('itemsRegion')} tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="calculator-items">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">{t('itemsCaption', { book })}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th className="px-4 py-2.5 text-left font-semibold">{t('columns.item')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.quantity')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.unitPrice')}</th>
              <th className="px-4 py-2.5 text-right font-semibold">{t('columns.cost')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {c.items.map((i) => (
              <tr key={i.item}>
                <td className="px-4 py-2 text-slate-900">{itemName({ code: i.item, name: i.name })}</td>
                <td className="px-4 py-2 text-right tabular-nums">{t('quantity', { quantity: formatQuantity(i.quantity, locale), unit: unit(i.unit) })}</td>
                <td className="px-4 py-2 text-right tabular-nums">{t('unitPrice', { unitPrice: i.unitPrice, per: i.per, unit: unit(i.unit) })}</td>
                <td className="px-4 py-2 text-right tabular-nums">{i.cost}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bg-slate-50">
            <tr>
              <td className="px-4 py-2 font-semibold" colSpan={3}>
                {t('total', { amount: c.payg.amount })}
              </td>
              <td className="px-4 py-2 text-right font-semibold tabular-nums">{money(c.payg.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="text-xs text-slate-500" data-testid="calculator-note">
        {t('note', { kind: c.options.length === 0 ? 'none' : c.freeMinutes ? 'free' : 'universal', book, period: c.roundingPeriod })}
      </p>
    </div>
  );
}
