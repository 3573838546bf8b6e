import { useLocale, useTranslations } from 'next-intl';
import { DataTable, type Column } from '@/components/ui/data-table';
import { itemName, measuredUnit } from '@/lib/bills/words';
import { INTL_LOCALE, type Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { parseTableParams } from '@/lib/table-params';
import type { AppItemRow, DayRow, SampledRow, UsageChart } from '@/lib/usage/stats';

const numberIn = (locale: Locale) => (v: number, digits = 0) => v.toLocaleString(INTL_LOCALE[locale], { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function formatDuration(seconds: number, locale: Locale = 'en'): string {
  const t = translatorFor(locale, 'usage');
  const n = numberIn(locale);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? t('duration.hm', { h: n(h), m: String(m) }) : m ? t('duration.ms', { m: String(m), s: String(s) }) : t('duration.s', { s: String(s) });
}

const TH = 'whitespace-nowrap px-4 py-2.5 text-left font-semibold text-slate-700';
const THR = 'whitespace-nowrap px-4 py-2.5 text-right font-semibold text-slate-700';
const TD = 'whitespace-nowrap px-4 py-2 text-slate-700';
const TDR = 'whitespace-nowrap px-4 py-2 text-right tabular-nums text-slate-700';
/** Long tables style their cells from the table (one class list, not one per cell: smaller pages). */
const COMPACT =
  'divide-y-0 [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100 [&_td]:whitespace-nowrap [&_td]:px-4 [&_td]:py-1.5 [&_td]:text-right [&_td]:tabular-nums [&_td]:text-slate-700 [&_td:first-child]:text-left';

/** Minutes per application and item over the period: seconds and the rounded-up minutes; sortable through the URL. */
export function AppItemTable({
  rows,
  appNames,
  monthly,
  searchParams = {},
}: {
  rows: AppItemRow[];
  appNames: Map<number, string>;
  monthly: boolean;
  searchParams?: Record<string, string | string[] | undefined>;
}) {
  const t = useTranslations('usage.byAppItem');
  const locale = useLocale();
  const n = numberIn(locale);
  const totalSeconds = rows.reduce((s, r) => s + r.seconds, 0);
  const totalMinutes = rows.reduce((s, r) => s + r.minutes, 0);
  const appName = (r: AppItemRow) => appNames.get(r.sdkAppId) ?? t('deletedApp');
  // A few dozen aggregated rows: sorted here, by the same sort/dir search params as the paged lists.
  const params = searchParams.sort ? parseTableParams(searchParams, { sortable: APP_ITEM_SORTS, defaultSort: 'app', defaultDir: 'asc' }) : undefined;
  const sorted = params ? [...rows].sort((a, b) => (params.dir === 'asc' ? 1 : -1) * compareAppItem(a, b, params.sort, appName)) : rows;
  const many = rows.length > 1;
  const columns: Column<AppItemRow>[] = [
    {
      key: 'app',
      header: t('colApplication'),
      sortKey: 'app',
      render: (r) => (
        <>
          <span className="font-medium text-slate-900">{appName(r)}</span>
          <span className="ml-2 font-mono text-xs text-slate-500">{r.sdkAppId}</span>
        </>
      ),
      footer: many ? t('total') : undefined,
    },
    { key: 'item', header: t('colItem'), sortKey: 'item', className: 'whitespace-normal', render: (r) => itemName(locale, r.item, r.name) },
    { key: 'days', header: t('colDays'), sortKey: 'days', align: 'right', render: (r) => n(r.days) },
    { key: 'records', header: t('colRecords'), sortKey: 'records', align: 'right', render: (r) => n(r.records) },
    { key: 'seconds', header: t('colSeconds'), sortKey: 'seconds', align: 'right', render: (r) => n(r.seconds), footer: many ? n(totalSeconds) : undefined },
    {
      key: 'minutes',
      header: <span title={monthly ? t('minutesMonthly') : t('minutesDaily')}>{t('colMinutes')}</span>,
      label: t('colMinutes'),
      sortKey: 'minutes',
      align: 'right',
      render: (r) => (
        <span className="font-semibold text-slate-900" data-testid="minutes">
          {n(r.minutes)}
        </span>
      ),
      footer: many ? n(totalMinutes) : undefined,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={sorted}
      rowKey={(r) => `${r.sdkAppId}-${r.item}`}
      rowAttributes={(r) => ({ 'data-app': r.sdkAppId, 'data-item': r.item })}
      searchParams={searchParams}
      params={params}
      caption={t('caption')}
      testId="usage-by-app-item"
      empty={t('empty')}
      bare
    />
  );
}

const APP_ITEM_SORTS = ['app', 'item', 'days', 'records', 'seconds', 'minutes'] as const;
function compareAppItem(a: AppItemRow, b: AppItemRow, sort: (typeof APP_ITEM_SORTS)[number], appName: (r: AppItemRow) => string): number {
  if (sort === 'app') return appName(a).localeCompare(appName(b)) || a.sdkAppId - b.sdkAppId || a.item.localeCompare(b.item);
  if (sort === 'item') return a.name.localeCompare(b.name) || a.sdkAppId - b.sdkAppId;
  return a[sort] - b[sort] || a.sdkAppId - b.sdkAppId || a.item.localeCompare(b.item);
}

/** Daily totals of a range: one row per day, one column per item. */
export function DailyTable({ days, series }: { days: DayRow[]; series: UsageChart['series'] }) {
  const t = useTranslations('usage.daily');
  const locale = useLocale();
  const n = numberIn(locale);
  const items = series.map((s) => s);
  return (
    <div className="max-h-[28rem] overflow-auto" role="region" aria-label={t('title')} tabIndex={0}>
      <table className={`min-w-full divide-y divide-slate-200 text-sm ${COMPACT}`} data-testid="usage-daily-table">
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            <th className={TH}>{t('day')}</th>
            {items.map((s) => (
              <th key={s.item} className={THR} title={itemName(locale, s.item, s.name)}>
                {s.item}
              </th>
            ))}
            <th className={THR}>{t('totalMinutes')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...days].reverse().map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              {items.map((s) => (
                <td key={s.item}>{d.minutesByItem[s.item] ? n(d.minutesByItem[s.item] as number, Number.isInteger(d.minutesByItem[s.item]) ? 0 : 1) : '—'}</td>
              ))}
              <td className="font-semibold text-slate-900">{n(d.minutes, Number.isInteger(d.minutes) ? 0 : 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Relay peaks, screenshots and signalling calls: billed per month, shown as measured. */
export function SampledTable({ rows, appNames }: { rows: SampledRow[]; appNames: Map<number, string> }) {
  const t = useTranslations('usage.monthly');
  const deleted = useTranslations('usage.byAppItem')('deletedApp');
  const locale = useLocale();
  const n = numberIn(locale);
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="usage-sampled">
      <thead className="bg-slate-50">
        <tr>
          <th className={TH}>{t('colApplication')}</th>
          <th className={TH}>{t('colItem')}</th>
          <th className={THR}>{t('colMeasured')}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={`${r.sdkAppId}-${r.item}`}>
            <td className={TD}>
              {appNames.get(r.sdkAppId) ?? deleted} <span className="font-mono text-xs text-slate-500">{r.sdkAppId}</span>
            </td>
            <td className={TD}>{itemName(locale, r.item, r.name)}</td>
            <td className={TDR}>
              {r.unit === 'kbps' ? t('peak', { value: n(Number(r.value), 1) }) : t('count', { value: n(Number(r.value)), unit: measuredUnit(locale, r.unit) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
