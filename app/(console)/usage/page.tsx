import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { itemName } from '@/lib/bills/words';
import { formatQuantity } from '@/lib/money/format';
import { db } from '@/db';
import { rawSqlOf } from '@/db/raw';
import { getAccount } from '@/db/queries/accounts';
import { listApplications } from '@/db/queries/applications';
import { hasAnyUsage, listDailyUsage, listDayWindows, listEntitlementUsage } from '@/lib/usage/queries';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { getPriceBook } from '@/lib/rating';
import { bookSellsPackages } from '@/lib/packages/catalog';
import { hasMonthlyFreeMinutes } from '@/lib/packages/free-minutes';
import { estimateMonth } from '@/lib/settlement/monthly';
import { MonthEstimateCard } from '@/components/bills/month-estimate';
import { addDays, localDate } from '@/lib/time/local-date';
import { aggregatePendingUsage } from '@/lib/usage/aggregates';
import { parseUsageFilter, rangePresets } from '@/lib/usage/params';
import { PROJECTION_WINDOW_DAYS } from '@/lib/usage/package-projection';
import { summarizeDaily, windowChart } from '@/lib/usage/stats';
import { ChartFigure } from '@/components/charts/chart-figure';
import { chartFromDecimals, minutesFromSeconds } from '@/lib/charts/prepare';
import { ImportForm } from '@/components/usage/import-form';
import { PackageUsage } from '@/components/usage/package-usage';
import { SendUsageHelp } from '@/components/usage/send-usage-help';
import { UsageFilters } from '@/components/usage/usage-filters';
import { AppItemTable, DailyTable, formatDuration, SampledTable } from '@/components/usage/usage-tables';
import { Banner } from '@/components/ui/banner';
import { buttonClass } from '@/components/ui/button';
import { Card, CardBody, CardHeader, Stat } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata() {
  const t = await getTranslations('usage');
  return { title: t('metaTitle') };
}

const PRESET_KEYS: Record<string, 'today' | 'yesterday' | 'last7' | 'last30' | 'thisMonth' | 'lastMonth' | 'last90'> = {
  Today: 'today',
  Yesterday: 'yesterday',
  'Last 7 days': 'last7',
  'Last 30 days': 'last30',
  'This month': 'thisMonth',
  'Last month': 'lastMonth',
  'Last 90 days': 'last90',
};

/**
 * Usage statistics (seed 003 FAQ "How do I view the details of my billable durations?"):
 * one day in 5-minute buckets, a range in daily totals, per application and item;
 * package minutes left; file import; how to send usage.
 */
export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const accountId = user.accountId;
  const sp = await searchParams;
  const [t, locale] = await Promise.all([getTranslations('usage'), getLocale()]);
  await aggregatePendingUsage(rawSqlOf(db), accountId);
  const book = getPriceBook(user.account.priceBookId);
  const [now, apps] = await Promise.all([accountNow(db, accountId), listApplications(db, accountId)]);
  const today = localDate(now);
  const { filter, problems } = parseUsageFilter(sp, today, { apps: apps.map((a) => a.sdkAppId), items: book.items.map((i) => i.code) });
  const single = filter.from === filter.to;
  const [rows, any, entitlements, dayWindows, h] = await Promise.all([
    listDailyUsage(db, accountId, filter),
    hasAnyUsage(db, accountId),
    listEntitlementUsage(db, accountId, today, addDays(today, -PROJECTION_WINDOW_DAYS)),
    single ? listDayWindows(db, accountId, filter.from, { sdkAppId: filter.sdkAppId, item: filter.item }) : Promise.resolve([]),
    headers(),
  ]);
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  const summary = summarizeDaily(book, rows, filter);
  const chart = single ? windowChart(book, dayWindows) : summary.dailyChart;
  const appNames = new Map(apps.map((a) => [a.sdkAppId, a.name]));
  const monthlyRounding = book.rounding.period === 'month';
  // A book rounding per month bills on the 1st: the month so far as an estimate (issue 12 item 2).
  const estimate = monthlyRounding
    ? await estimateMonth(db, { accountId, priceBookId: book.id, registeredAt: user.account.registeredAt, month: today.slice(0, 7), today })
    : null;
  const account = await getAccount(db, accountId);
  const freeMinutes = !!account && hasMonthlyFreeMinutes(account);
  const sellsPackages = bookSellsPackages(book);
  // The book's own monthly items (rating.md §2: relay, screenshots on the TRTC books; signalling on seed 001).
  const monthlyItemCodes = [...new Set(summary.sampled.map((r) => r.item))];
  const nameOf = (code: string) => itemName(locale, code, book.items.find((i) => i.code === code)?.name ?? code);
  const monthlyItemNames = monthlyItemCodes.map(nameOf).join(locale === 'zh' ? '、' : ', ');
  const entitlementTitle = freeMinutes ? t('entitlements.titleFree') : t('entitlements.title');
  // Minutes drawn per bucket, computed with decimal.js: exact seconds ÷ 60 for 5-minute windows and
  // per-month books; the day's rounded-up minutes (whole numbers) for daily bars of per-day books.
  const chartData = chartFromDecimals(
    chart.labels,
    chart.series.map((s) => ({ key: s.item, name: itemName(locale, s.item, s.name), values: single || monthlyRounding ? minutesFromSeconds(s.seconds) : s.values })),
  );
  // Downloads follow the filters on screen: dates, application, item.
  const exportQuery = (granularity: string, format: 'csv' | 'xlsx') => {
    const q = new URLSearchParams({ from: filter.from, to: filter.to, granularity, format });
    if (filter.sdkAppId) q.set('app', String(filter.sdkAppId));
    if (filter.item) q.set('item', filter.item);
    return `/usage/export?${q.toString()}`;
  };
  const firstApp = apps[0]?.sdkAppId ?? null;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { zone: book.timeZone })}
        actions={
          <>
            <a className={buttonClass('secondary')} href={exportQuery('5min', 'csv')} download data-testid="usage-export-5min">
              {t('export5min')}
            </a>
            <a className={buttonClass('secondary')} href={exportQuery('day', 'csv')} download data-testid="usage-export-daily">
              {t('exportDaily')}
            </a>
            <a className={buttonClass('secondary')} href={exportQuery('day', 'xlsx')} download data-testid="usage-export-xlsx">
              {t('exportXlsx')}
            </a>
          </>
        }
      />
      {problems.length > 0 && (
        <div className="mb-6">
          <Banner tone="warning" title={t('filtersProblem')}>
            {problems.join(' ')}
          </Banner>
        </div>
      )}

      {!any ? (
        <div className="space-y-6">
          <EmptyState
            title={t('emptyTitle')}
            description={apps.length ? t('emptyWithApps') : t('emptyNoApps')}
          />
          <Card>
            <CardHeader title={t('sendTitle')} description={t('sendDescription')} />
            <CardBody>
              <SendUsageHelp origin={origin} sdkAppId={firstApp} />
            </CardBody>
          </Card>
        </div>
      ) : (
        <div className="space-y-6">
          {estimate && <MonthEstimateCard estimate={estimate} />}

          <Card>
            <CardBody>
              <UsageFilters
                apps={apps.map((a) => ({ value: String(a.sdkAppId), label: `${a.name} (${a.sdkAppId})` }))}
                items={book.items.map((i) => ({ value: i.code, label: itemName(locale, i.code, i.name) }))}
                value={{ app: filter.sdkAppId ? String(filter.sdkAppId) : '', item: filter.item ?? '', from: filter.from, to: filter.to }}
                presets={rangePresets(today).map((p) => ({ ...p, label: PRESET_KEYS[p.label] ? t(`filters.presets.${PRESET_KEYS[p.label]!}`) : p.label }))}
              />
            </CardBody>
          </Card>

          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label={t('stats.billableMinutes')} value={formatQuantity(summary.totalMinutes, locale)} note={monthlyRounding ? t('stats.roundedPerMonth') : t('stats.roundedPerDay')} />
            <Stat label={t('stats.measured')} value={formatDuration(summary.totalSeconds, locale)} note={t('stats.measuredNote', { seconds: formatQuantity(summary.totalSeconds, locale) })} />
            <Stat label={t('stats.applications')} value={new Set(summary.byAppItem.map((r) => r.sdkAppId)).size} note={filter.sdkAppId ? `SDKAppID ${filter.sdkAppId}` : t('stats.withUsage')} />
            <Stat label={t('stats.period')} value={single ? filter.from : t('stats.days', { count: summary.byDay.length })} note={single ? t('stats.oneDay') : `${filter.from} – ${filter.to}`} />
          </div>

          <Card>
            <CardHeader
              title={single ? t('chart.titleDay', { day: filter.from }) : t('chart.titleRange', { from: filter.from, to: filter.to })}
              description={single ? t('chart.descDay') : monthlyRounding ? t('chart.descMonthly') : t('chart.descDaily')}
            />
            <CardBody>
              <ChartFigure
                data={chartData}
                unit={t('chart.unit')}
                labelHeader={single ? t('chart.windowFrom') : t('chart.day')}
                ariaLabel={single ? t('chart.ariaDay', { day: filter.from }) : t('chart.ariaRange', { from: filter.from, to: filter.to })}
                testId="usage-chart"
              />
              <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600" data-testid="rounding-rule">
                <span className="font-semibold">{t('chart.roundingLabel')}</span>
                {monthlyRounding ? t('chart.roundingMonth', { zone: book.timeZone, book: book.id }) : t('chart.roundingDay', { zone: book.timeZone })} {t('chart.roundingNote')}
              </p>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={t('byAppItem.title')} description={t('byAppItem.description', { period: filter.from === filter.to ? filter.from : `${filter.from} – ${filter.to}` })} />
            <AppItemTable rows={summary.byAppItem} appNames={appNames} monthly={monthlyRounding} searchParams={sp} />
          </Card>

          {!single && (
            <Card>
              <CardHeader title={t('daily.title')} description={t('daily.description')} />
              <DailyTable days={summary.byDay} series={summary.dailyChart.series} />
            </Card>
          )}

          {summary.sampled.length > 0 && (
            <Card>
              <CardHeader title={t('monthly.title')} description={t('monthly.description', { names: monthlyItemNames, count: monthlyItemCodes.length })} />
              <SampledTable rows={summary.sampled} appNames={appNames} />
            </Card>
          )}

          {/* A book without packages and without free minutes (seed 001) shows no entitlement card. */}
          {(freeMinutes || sellsPackages || entitlements.length > 0) && (
            <Card>
              <CardHeader title={entitlementTitle} description={t('entitlements.description', { today })} />
              <CardBody>
                <PackageUsage rows={entitlements} today={today} freeMinutes={freeMinutes} />
              </CardBody>
            </Card>
          )}

          <Card>
            <details>
              <summary className="cursor-pointer px-5 py-4 text-base font-semibold text-slate-900">{t('sendTitle')}</summary>
              <div className="px-5 pb-5">
                <SendUsageHelp origin={origin} sdkAppId={filter.sdkAppId ?? firstApp} />
              </div>
            </details>
          </Card>
        </div>
      )}

      {/* One import form for both states, at the same place in the tree: the first import of an empty
          account re-renders the page with usage, and the form keeps its progress and summary. */}
      {apps.length > 0 && (
        <Card className="mt-6">
          <CardHeader title={t('import.title')} description={t('import.description')} />
          <CardBody>
            <ImportForm />
          </CardBody>
        </Card>
      )}
    </>
  );
}
