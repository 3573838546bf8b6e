import { useTranslations } from 'next-intl';
import type { ChartData } from '@/lib/charts/data';
import { labelTotals } from '@/lib/charts/prepare';
import { StackedBars } from './stacked-bars';

/**
 * A chart with the same figures as a table (issue 14 item 2): the recharts drawing for the
 * eye, and a <details> table for screen readers, keyboards and copying. Rows whose figures
 * are all zero are left out of the table (a day has 288 five-minute windows). Each row
 * carries `data-bucket` (its label) and `data-value` (its total).
 */
export function ChartFigure({
  data,
  unit,
  ariaLabel,
  labelHeader,
  formatValue = 'minutes',
  testId,
  height,
  note,
}: {
  data: ChartData;
  unit: string;
  ariaLabel: string;
  /** Header of the label column: "From", "Day". */
  labelHeader: string;
  formatValue?: 'minutes' | 'money';
  testId?: string;
  height?: number;
  note?: string;
}) {
  const t = useTranslations('ui.chart');
  const totals = labelTotals(data);
  const rows = data.labels.map((label, i) => ({ label, values: data.series.map((s) => s.values[i] ?? '0'), total: totals[i] as string })).filter((r) => r.values.some((v) => Number(v) !== 0));
  const show = (v: string) => {
    const [whole, frac] = v.replace('-', '').split('.') as [string, string | undefined];
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const f = formatValue === 'money' ? (frac ?? '').padEnd(2, '0') : frac;
    return `${v.startsWith('-') ? '-' : ''}${grouped}${f ? `.${f}` : ''}`;
  };
  return (
    <figure className="w-full" data-testid={testId}>
      <StackedBars data={data} unit={unit} ariaLabel={ariaLabel} formatValue={formatValue} height={height} />
      <details className="mt-3 rounded-md ring-1 ring-slate-200" data-testid={testId ? `${testId}-table` : undefined}>
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          {t('tableView', { count: rows.length })}
        </summary>
        <div className="max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={t('tableRegion', { label: ariaLabel })}>
          <table className="min-w-full text-sm">
            <caption className="sr-only">
              {note ? t('captionNote', { label: ariaLabel, unit, note }) : t('caption', { label: ariaLabel, unit })}
            </caption>
            <thead className="sticky top-0 bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">{labelHeader}</th>
                {data.series.map((s) => (
                  <th key={s.key} scope="col" className="whitespace-nowrap px-3 py-2 text-right font-semibold">
                    {s.name}
                  </th>
                ))}
                <th scope="col" className="whitespace-nowrap px-3 py-2 text-right font-semibold">{t('total', { unit })}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-700">
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={data.series.length + 2} className="px-3 py-4 text-center text-slate-600">{t('noFiguresRow')}</td>
                </tr>
              ) : (
                rows.map((r) => (
                  <tr key={r.label} data-bucket={r.label} data-value={r.total}>
                    <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-normal">{r.label}</th>
                    {r.values.map((v, k) => (
                      <td key={k} className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums">{Number(v) === 0 ? '—' : show(v)}</td>
                    ))}
                    <td className="whitespace-nowrap px-3 py-1.5 text-right font-semibold tabular-nums text-slate-900">{show(r.total)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
