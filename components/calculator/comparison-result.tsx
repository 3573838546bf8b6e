import type { PriceComparison } from '@/lib/calculator/compare';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';

/** Pay-as-you-go against each package edition, cheapest highlighted, and the per-item breakdown. */
export function ComparisonResult({ comparison: c }: { comparison: PriceComparison }) {
  const cheapestId = c.cheapest.kind === 'package' ? c.cheapest.catalogId : 'payg';
  const rows = [
    { id: 'payg', name: 'Pay-as-you-go (no package)', price: '0', packageMinutes: '—', used: '—', usageAmount: c.payg.amount, total: c.payg.total, coversNothing: false },
    ...c.options.map((o) => ({ id: o.catalogId, name: o.name, price: o.price, packageMinutes: formatQuantity(o.packageMinutes), used: formatQuantity(o.packageMinutesUsed), usageAmount: o.usageAmount, total: o.total, coversNothing: o.coversNothing })),
  ];
  return (
    <div className="space-y-6" data-testid="calculator-result">
      <div className="rounded-lg bg-emerald-50 px-5 py-4 ring-1 ring-inset ring-emerald-200" data-testid="cheapest">
        <p className="text-sm font-medium text-emerald-800">Cheapest for this usage</p>
        <p className="mt-1 text-xl font-semibold text-emerald-900">
          {c.cheapest.kind === 'payg' ? 'Pay-as-you-go' : c.options.find((o) => o.catalogId === cheapestId)?.name}:{' '}
          {formatMoney(c.cheapest.kind === 'payg' ? c.payg.total : (c.options.find((o) => o.catalogId === cheapestId)?.total ?? '0'), c.currency)}
          <span className="text-sm font-normal text-emerald-800"> a month</span>
        </p>
        {c.cheapest.kind === 'package' && (
          <p className="mt-0.5 text-sm text-emerald-800">
            Saves {formatMoney(c.cheapest.saving, c.currency)} against pay-as-you-go ({formatMoney(c.payg.total, c.currency)}).
          </p>
        )}
      </div>

      <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200" role="region" aria-label="Options compared" tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="calculator-options">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th className="px-4 py-2.5 text-left font-semibold">Option</th>
              <th className="px-4 py-2.5 text-right font-semibold">Package price</th>
              <th className="px-4 py-2.5 text-right font-semibold">Package minutes</th>
              <th className="px-4 py-2.5 text-right font-semibold">Minutes it takes</th>
              <th className="px-4 py-2.5 text-right font-semibold">Pay-as-you-go left</th>
              <th className="px-4 py-2.5 text-right font-semibold">Total / month</th>
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
                        Cheapest
                      </Badge>
                    )}
                    {r.coversNothing && <span className="ml-2 text-xs text-slate-500">covers none of these items</span>}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{r.id === 'payg' ? '—' : formatMoney(r.price, c.currency)}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{r.packageMinutes}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{r.used}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{formatMoney(r.usageAmount, c.currency)}</td>
                  <td className={cn('px-4 py-2.5 text-right font-semibold tabular-nums', best ? 'text-emerald-900' : 'text-slate-900')}>{formatMoney(r.total, c.currency)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200" role="region" aria-label="Pay-as-you-go by item" tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="calculator-items">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Pay-as-you-go by item ({c.bookName})</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th className="px-4 py-2.5 text-left font-semibold">Item</th>
              <th className="px-4 py-2.5 text-right font-semibold">Quantity</th>
              <th className="px-4 py-2.5 text-right font-semibold">Unit price</th>
              <th className="px-4 py-2.5 text-right font-semibold">Cost (exact)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {c.items.map((i) => (
              <tr key={i.item}>
                <td className="px-4 py-2 text-slate-900">{i.name}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {formatQuantity(i.quantity)} {i.unit === 'minute' ? 'min' : i.unit}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {i.unitPrice} / {i.per === 1 ? '' : `${i.per.toLocaleString('en-US')} `}
                  {i.unit === 'minute' ? 'min' : i.unit}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{i.cost}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bg-slate-50">
            <tr>
              <td className="px-4 py-2 font-semibold" colSpan={3}>
                Total (exact {c.payg.amount}, half-up to 2 decimals)
              </td>
              <td className="px-4 py-2 text-right font-semibold tabular-nums">{formatMoney(c.payg.total, c.currency)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="text-xs text-slate-500" data-testid="calculator-note">
        {c.options.length === 0
          ? `The ${c.bookName} price book sells no packages: every item is pay-as-you-go.`
          : c.freeMinutes
            ? 'Packages are bound to one application and cover media minutes at their ratio (audio 1, HD 4, FHD 9, 2K 16, 4K 36 package minutes per minute; seed 003). Estimates leave out the monthly 10,000 free minutes every account gets first, and a 2022 universal package is valid for a year, so its price is shown whole.'
            : 'Universal packages cover audio minutes one for one and are valid for a year, so their price is shown whole; there are no free minutes on this price book.'}{' '}
        Bills apply the exact rules per {c.roundingPeriod}.
      </p>
    </div>
  );
}
