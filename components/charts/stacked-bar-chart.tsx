/**
 * A stacked bar chart as a server-rendered SVG (no chart library: nothing to download,
 * nothing to hydrate). Tooltips are SVG <title> elements; the figures are also in the
 * tables beside every chart.
 */
export type BarSeries = { key: string; name: string; values: number[] };

const PALETTE = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#ec4899', '#64748b', '#84cc16'];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * p >= value) return m * p;
  return 10 * p;
}

function formatTick(v: number): string {
  if (v >= 1_000_000) return `${(v / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })}M`;
  if (v >= 10_000) return `${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })}k`;
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function StackedBarChart({
  labels,
  series,
  unit,
  tickEvery,
  ariaLabel,
  formatValue = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 1 }),
  testId,
}: {
  labels: string[];
  series: BarSeries[];
  unit: string;
  /** Show every n-th x label. */
  tickEvery: number;
  ariaLabel: string;
  formatValue?: (v: number) => string;
  testId?: string;
}) {
  const width = 960;
  const height = 260;
  const m = { top: 12, right: 12, bottom: 30, left: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const n = Math.max(1, labels.length);
  const totals = labels.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = niceCeiling(Math.max(0, ...totals));
  const step = plotW / n;
  const barW = Math.max(1, step * (n > 100 ? 0.85 : 0.7));
  const y = (v: number) => m.top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const empty = totals.every((t) => t === 0);
  // Each series is one <path> of rectangles (stacked in series order): a few elements instead of buckets x series.
  const base = new Array<number>(n).fill(0);
  const r = (v: number) => Math.round(v * 100) / 100;
  const paths = series.map((s) => {
    let d = '';
    for (let i = 0; i < labels.length; i++) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const y0 = y((base[i] as number) + v);
      const h = Math.max(y(base[i] as number) - y0, 0.5);
      base[i] = (base[i] as number) + v;
      d += `M${r(m.left + i * step + (step - barW) / 2)} ${r(y0)}h${r(barW)}v${r(h)}h${r(-barW)}z`;
    }
    return d;
  });

  return (
    <figure className="w-full" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={ariaLabel}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeDasharray={t === 0 ? undefined : '3 3'} />
            <text x={m.left - 8} y={y(t) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {formatTick(t)}
            </text>
          </g>
        ))}
        <text x={12} y={m.top + plotH / 2} transform={`rotate(-90 12 ${m.top + plotH / 2})`} textAnchor="middle" className="fill-slate-500 text-[11px]">
          {unit}
        </text>
        {series.map((s, k) => (
          <path key={s.key} d={paths[k]} fill={seriesColor(k)} />
        ))}
        {labels.map((label, i) => {
          const total = totals[i] as number;
          if (!total) return null;
          // One transparent hit area per bucket carries the tooltip (all series), instead of one element per segment.
          const x = m.left + i * step;
          const tip = [`${label}: ${formatValue(total)} ${unit}`, ...series.filter((s) => (s.values[i] ?? 0) > 0).map((s) => `${s.name}: ${formatValue(s.values[i] as number)}`)].join('\n');
          return (
            <rect key={label} x={x} y={y(total)} width={step} height={m.top + plotH - y(total)} fill="transparent" data-bucket={label} data-value={Number(total.toFixed(4))}>
              <title>{tip}</title>
            </rect>
          );
        })}
        {labels.map((label, i) =>
          i % tickEvery === 0 ? (
            <text key={`x-${label}`} x={m.left + i * step + step / 2} y={height - 10} textAnchor="middle" className="fill-slate-500 text-[11px]">
              {label.length === 10 ? label.slice(5) : label}
            </text>
          ) : null,
        )}
        {empty && (
          <text x={m.left + plotW / 2} y={m.top + plotH / 2} textAnchor="middle" className="fill-slate-400 text-[13px]">
            No usage in this period
          </text>
        )}
      </svg>
      {series.length > 0 && (
        <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
          {series.map((s, k) => (
            <span key={s.key} className="inline-flex items-center gap-1.5">
              <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: seriesColor(k) }} aria-hidden="true" />
              {s.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
