'use client';

import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocale, useTranslations } from 'next-intl';
import { seriesColor, type ChartData } from '@/lib/charts/data';
import { INTL_LOCALE } from '@/lib/i18n/config';

/**
 * A stacked bar chart drawn by recharts (client side: tooltips and legends that hide and
 * show series). The figures arrive from the server as exact decimal strings (lib/charts);
 * they become numbers here, only to be drawn. The same figures are in the table beside the
 * chart (components/charts/chart-figure.tsx) for screen readers and keyboards.
 */

export function StackedBars({
  data,
  unit,
  ariaLabel,
  formatValue,
  height = 280,
}: {
  data: ChartData;
  /** Axis and tooltip unit, e.g. "min" or "USD". */
  unit: string;
  ariaLabel: string;
  formatValue?: 'minutes' | 'money';
  height?: number;
}) {
  const t = useTranslations('ui.chart');
  const tag = INTL_LOCALE[useLocale()];
  const compact = useMemo(() => new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 }), [tag]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(
    () => data.labels.map((label, i) => Object.fromEntries([['label', label], ...data.series.map((s) => [s.key, Number(s.values[i] ?? 0)])])),
    [data],
  );
  const fmt = (v: number) =>
    formatValue === 'money' ? v.toLocaleString(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v.toLocaleString(tag, { maximumFractionDigits: 2 });
  const tick = (label: string) => (label.length === 10 ? label.slice(5) : label);
  const empty = data.series.length === 0 || data.series.every((s) => s.values.every((v) => Number(v) === 0));
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="w-full">
      {data.series.length > 0 && (
        // The legend: buttons that hide and show a series (keyboard and screen readers too).
        <div className="mb-2 flex flex-wrap gap-1.5" role="group" aria-label={t('seriesShown')}>
          {data.series.map((s, k) => {
            const on = !hidden.has(s.key);
            return (
              <button
                key={s.key}
                type="button"
                aria-pressed={on}
                onClick={() => toggle(s.key)}
                className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-left text-xs ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${on ? 'bg-white text-slate-800 ring-slate-300' : 'bg-slate-100 text-slate-600 line-through ring-slate-200'}`}
                data-testid="chart-legend-item"
              >
                <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: on ? seriesColor(k) : '#cbd5e1' }} aria-hidden="true" />
                {s.name}
              </button>
            );
          })}
        </div>
      )}
    <div role="img" aria-label={ariaLabel} className="w-full" style={{ height }}>
      {empty ? (
        <div className="flex h-full items-center justify-center rounded-md bg-slate-50 text-sm text-slate-600">{t('noFigures')}</div>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 22, right: 8, bottom: 0, left: 0 }} barCategoryGap={data.labels.length > 100 ? 0 : '15%'}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tickFormatter={tick} interval="preserveStartEnd" minTickGap={16} tick={{ fontSize: 11, fill: '#475569' }} tickLine={false} />
            <YAxis
              width={56}
              tick={{ fontSize: 11, fill: '#475569' }}
              tickFormatter={(v: number) => (Math.abs(v) >= 1000 ? compact.format(v) : fmt(v))}
              // The unit above the axis (a rotated label collides with the ticks on a phone).
              label={{ value: unit, position: 'top', offset: 10, style: { fontSize: 11, fill: '#475569', textAnchor: 'start' }, dx: -20 }}
              allowDecimals={formatValue !== 'minutes' || data.labels.length < 100}
            />
            <Tooltip
              cursor={{ fill: 'rgba(99,102,241,0.08)' }}
              formatter={(value, name) => [`${fmt(Number(value))} ${unit}`, name]}
              labelStyle={{ fontWeight: 600, color: '#0f172a' }}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#cbd5e1' }}
            />
            {data.series.map((s, k) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} stackId="stack" fill={seriesColor(k)} hide={hidden.has(s.key)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </div>
    </div>
  );
}
