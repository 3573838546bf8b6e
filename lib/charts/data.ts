/**
 * Chart data as the server prepares it (lib/charts/prepare.ts, with decimal.js) and the
 * client draws it (components/charts/stacked-bars.tsx): labels, and per series one exact
 * decimal string per label. Nothing here computes; safe for client components.
 */
export type ChartSeries = { key: string; name: string; values: string[] };
export type ChartData = { labels: string[]; series: ChartSeries[] };

const PALETTE = ['#4f46e5', '#0284c7', '#059669', '#d97706', '#dc2626', '#7c3aed', '#0d9488', '#db2777', '#475569', '#65a30d'];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}
