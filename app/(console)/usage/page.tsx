import { headers } from 'next/headers';
import { db, rawSql } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { listApplications } from '@/db/queries/applications';
import { hasAnyUsage, listDailyUsage, listDayWindows, listEntitlementUsage } from '@/db/queries/usage';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { getPriceBook } from '@/lib/rating';
import { bookSellsPackages } from '@/lib/packages/catalog';
import { hasMonthlyFreeMinutes } from '@/lib/packages/free-minutes';
import { estimateMonth } from '@/lib/settlement/monthly';
import { MonthEstimateCard } from '@/components/bills/month-estimate';
import { addDays, localDate } from '@/lib/time/local-date';
import { aggregatePendingBatches } from '@/lib/usage/aggregates';
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

export const metadata = { title: 'Usage' };

/**
 * Usage statistics (seed 003 FAQ "How do I view the details of my billable durations?"):
 * one day in 5-minute buckets, a range in daily totals, per application and item;
 * package minutes left; file import; how to send usage.
 */
export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const accountId = user.accountId;
  const sp = await searchParams;
  await aggregatePendingBatches(rawSql(), accountId);
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
  const monthlyItemNames = monthlyItemCodes.map((c) => book.items.find((i) => i.code === c)?.name ?? c).join(', ');
  const entitlementTitle = freeMinutes ? 'Packages and free minutes' : 'Packages';
  // Minutes drawn per bucket, computed with decimal.js: exact seconds ÷ 60 for 5-minute windows and
  // per-month books; the day's rounded-up minutes (whole numbers) for daily bars of per-day books.
  const chartData = chartFromDecimals(
    chart.labels,
    chart.series.map((s) => ({ key: s.item, name: s.name, values: single || monthlyRounding ? minutesFromSeconds(s.seconds) : s.values })),
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
        title="Usage"
        description={`Real-time usage per application and item in ${book.timeZone} time. One day shows 5-minute buckets; a range shows daily totals.`}
        actions={
          <>
            <a className={buttonClass('secondary')} href={exportQuery('5min', 'csv')} download data-testid="usage-export-5min">
              5-minute CSV
            </a>
            <a className={buttonClass('secondary')} href={exportQuery('day', 'csv')} download data-testid="usage-export-daily">
              Daily CSV
            </a>
            <a className={buttonClass('secondary')} href={exportQuery('day', 'xlsx')} download data-testid="usage-export-xlsx">
              Daily Excel
            </a>
          </>
        }
      />
      {problems.length > 0 && (
        <div className="mb-6">
          <Banner tone="warning" title="Some filters were not understood">
            {problems.join(' ')}
          </Banner>
        </div>
      )}

      {!any ? (
        <div className="space-y-6">
          <EmptyState
            title="No usage yet"
            description={
              apps.length
                ? 'Usage appears here as soon as your applications send records to the usage API, or when you import a file below.'
                : 'Create an application first: it gets an SDKAppID and the secret key that signs usage batches.'
            }
          />
          <Card>
            <CardHeader title="Send usage with the API" description="Sign each batch with your application's secret key." />
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
                items={book.items.map((i) => ({ value: i.code, label: i.name }))}
                value={{ app: filter.sdkAppId ? String(filter.sdkAppId) : '', item: filter.item ?? '', from: filter.from, to: filter.to }}
                presets={rangePresets(today)}
              />
            </CardBody>
          </Card>

          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Billable minutes" value={summary.totalMinutes.toLocaleString('en-US')} note={monthlyRounding ? 'rounded up per app, item and month' : 'rounded up per app, item and day'} />
            <Stat label="Measured duration" value={formatDuration(summary.totalSeconds)} note={`${summary.totalSeconds.toLocaleString('en-US')} s, to the second`} />
            <Stat label="Applications" value={new Set(summary.byAppItem.map((r) => r.sdkAppId)).size} note={filter.sdkAppId ? `SDKAppID ${filter.sdkAppId}` : 'with usage in the period'} />
            <Stat label="Period" value={single ? filter.from : `${summary.byDay.length} days`} note={single ? 'one day, 5-minute buckets' : `${filter.from} – ${filter.to}`} />
          </div>

          <Card>
            <CardHeader
              title={single ? `Minutes per 5 minutes on ${filter.from}` : `Minutes per day, ${filter.from} – ${filter.to}`}
              description={
                single
                  ? 'Each bar is the exact seconds in a 5-minute window ÷ 60 (a session is spread over the windows it covers).'
                  : monthlyRounding
                    ? 'Each bar is the day’s exact seconds ÷ 60; minutes are rounded up once per month.'
                    : 'Each bar is the day’s minutes: seconds per application and item, rounded up, then added up.'
              }
            />
            <CardBody>
              <ChartFigure
                data={chartData}
                unit="min"
                labelHeader={single ? 'Window from' : 'Day'}
                ariaLabel={single ? `Usage minutes per item in 5-minute windows on ${filter.from}` : `Usage minutes per item and day from ${filter.from} to ${filter.to}`}
                testId="usage-chart"
              />
              <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600" data-testid="rounding-rule">
                <span className="font-semibold">Rounding: </span>
                {summary.rounding} Real-time statistics may differ slightly from billed durations; in case of a difference the bill applies (seed 003 FAQ).
              </p>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="By application and item" description={`${filter.from === filter.to ? filter.from : `${filter.from} – ${filter.to}`}: seconds as measured, minutes as billed before packages.`} />
            <AppItemTable rows={summary.byAppItem} appNames={appNames} monthly={monthlyRounding} searchParams={sp} />
          </Card>

          {!single && (
            <Card>
              <CardHeader title="Daily totals" description="Minutes per day and item (most recent first)." />
              <DailyTable days={summary.byDay} series={summary.dailyChart.series} />
            </Card>
          )}

          {summary.sampled.length > 0 && (
            <Card>
              <CardHeader title="Monthly items" description={`${monthlyItemNames} ${monthlyItemCodes.length === 1 ? 'is' : 'are'} billed per month: the peak or the count, on the 1st of the next month.`} />
              <SampledTable rows={summary.sampled} appNames={appNames} />
            </Card>
          )}

          {/* A book without packages and without free minutes (seed 001) shows no entitlement card. */}
          {(freeMinutes || sellsPackages || entitlements.length > 0) && (
            <Card>
              <CardHeader title={entitlementTitle} description={`Minutes used and left today (${today}), and when they run out at the current rate.`} />
              <CardBody>
                <PackageUsage rows={entitlements} today={today} freeMinutes={freeMinutes} />
              </CardBody>
            </Card>
          )}

          <Card>
            <details>
              <summary className="cursor-pointer px-5 py-4 text-base font-semibold text-slate-900">Send usage with the API</summary>
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
          <CardHeader title="Import a usage file" description="JSON Lines, JSON or CSV (csv-parse: quoted cells, BOM, CRLF); validated whole before anything is stored." />
          <CardBody>
            <ImportForm />
          </CardBody>
        </Card>
      )}
    </>
  );
}
