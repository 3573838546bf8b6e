import Link from 'next/link';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { getPackage, listCurrentPackages, listPackageHistory, PACKAGE_HISTORY_SORTS, type PackageRow } from '@/db/queries/packages';
import { getOpenRefundRequest, listAccountRefundRequests } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/lib/money/format';
import { bookSellsPackages, offerOfPackage } from '@/lib/packages/catalog';
import { bookName, entitlementPackageName, packageName } from '@/lib/packages/names';
import { BookSentence } from '@/components/packages/book-sentence';
import { getPriceBook } from '@/lib/rating';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { expiryText } from '@/components/packages/expiry-text';
import { checkRefundEligibilities } from '@/lib/refunds/service';
import { parseTableParams } from '@/lib/table-params';
import { PageHeader } from '@/components/ui/page-header';
import { ChartFigure } from '@/components/charts/chart-figure';
import { listEntitlementUsage } from '@/lib/usage/queries';
import { chartFromDecimals, onLabels } from '@/lib/charts/prepare';
import { addDays, localDate } from '@/lib/time/local-date';
import { daysOf } from '@/lib/usage/stats';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Banner } from '@/components/ui/banner';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { MinutesBar } from '@/components/packages/minutes-bar';
import { PackageHistoryTable } from '@/components/packages/package-history-table';
import { AutoRenewForm, RefundRequestForm, WithdrawRefundForm } from '@/components/packages/package-forms';
import { requestRefundAction, setAutoRenewAction, withdrawRefundAction } from './actions';
import { CurrentPackageCard, type CurrentPackageCardData } from '@/components/packages/current-package-card';
import { RefundRequestList } from '@/components/packages/refund-request-list';

export async function generateMetadata() {
  const t = await getTranslations('packages');
  return { title: t('page.title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function PackagesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Billing while suspended (lifecycle.md, Account): the refund request and its withdrawal are
  // billing actions (allowWhenSuspended), so the page that offers them stays open, read-only for
  // buying; a violation suspension is answered here with refund rule (d). Reclaimed: nothing left.
  const user = await requirePageUser('customer', { area: 'billing' });
  if (user.account.status === 'reclaimed') redirect('/overview?limited=1');
  const suspended = user.account.status === 'suspended';
  const sp = await searchParams;
  const params = parseTableParams(sp, { sortable: PACKAGE_HISTORY_SORTS, defaultSort: 'purchasedAt', defaultDir: 'desc', pageSize: 10 });
  const [account, current, history, refunds, openRequest, now] = await Promise.all([
    getAccount(db, user.accountId),
    listCurrentPackages(db, user.accountId),
    listPackageHistory(db, user.accountId, { sort: params.sort, dir: params.dir, limit: params.pageSize, offset: params.offset }),
    listAccountRefundRequests(db, user.accountId),
    getOpenRefundRequest(db, user.accountId),
    accountNow(db, user.accountId),
  ]);
  if (!account) throw new Error('account missing for signed-in customer');
  const free = await loadFreeMinuteStatus(db, account, now);
  const [t, locale] = await Promise.all([getTranslations('packages'), getLocale()]);
  const money = (v: Parameters<typeof formatMoney>[0]) => formatMoney(v, account.currency, locale);
  const book = getPriceBook(account.priceBookId);
  const sellsPackages = bookSellsPackages(book);
  // Package minutes over time: what settlement took from each entitlement per local day, last 30 days.
  const today = localDate(now);
  const chartDays = daysOf(addDays(today, -29), today);
  const entitlements = await listEntitlementUsage(db, user.accountId, today, chartDays[0] as string);
  const minutesChart = chartFromDecimals(
    chartDays,
    entitlements
      .filter((e) => e.usedByDay.length > 0)
      .map((e) => ({ key: e.id, name: e.kind === 'free' ? t('page.minutesChart.free') : e.sdkAppId ? `${entitlementPackageName(t, locale, e)} · ${e.sdkAppId}` : entitlementPackageName(t, locale, e), values: onLabels(chartDays, e.usedByDay, (u) => u.day, (u) => u.minutes) })),
  );
  const boughtId = typeof sp.bought === 'string' && /^[0-9a-f-]{36}$/i.test(sp.bought) ? sp.bought : null;
  const bought = boughtId ? await getPackage(db, user.accountId, boughtId) : null;

  // One query for the refund facts of every card (issue 15), not one per package.
  const eligibilities = await checkRefundEligibilities(db, { account, pkgs: current.map((c) => c.pkg), now, otherOpenRequest: openRequest !== null });
  const sameSlot = (a: PackageRow, b: PackageRow) => a.applicationId === b.applicationId && a.product === b.product;
  const cards = current.flatMap(({ pkg, appName }): CurrentPackageCardData[] => {
    const eligibility = eligibilities.get(pkg.id);
    if (!eligibility) return [];
    const queuedBehind = pkg.status === 'active' ? (current.find((c) => c.pkg.status === 'queued' && sameSlot(c.pkg, pkg))?.pkg ?? null) : null;
    const ahead = pkg.status === 'queued' ? (current.find((c) => c.pkg.status === 'active' && sameSlot(c.pkg, pkg))?.pkg ?? null) : null;
    const offer = offerOfPackage(pkg);
    const expiry = expiryText(t, locale, { pkg, renewable: offer?.renewable ?? false, listPrice: offer?.price ?? pkg.price, queued: queuedBehind, balance: account.balance, currency: account.currency });
    return [{ pkg, appName, ahead, renewable: offer?.renewable ?? false, expiry, eligibility, openRequest: openRequest?.packageId === pkg.id ? openRequest : null }];
  });


  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={free ? t('page.descriptionFree') : sellsPackages ? t('page.descriptionBook') : t('page.descriptionNoPackages', { book: bookName(t, book) })}
        actions={sellsPackages && !suspended ? <ButtonLink href="/packages/buy">{t('page.buy')}</ButtonLink> : undefined}
      />
      {suspended && (
        <div className="mb-6">
          <Banner tone="info" title={t('page.suspended.title')} testId="packages-suspended">
            {user.account.suspensionReason === 'violation' ? t('page.suspended.violation') : t('page.suspended.balance')}
          </Banner>
        </div>
      )}
      {bought && (
        <div className="mb-6">
          <Banner tone="success" title={t('page.bought.title', { name: packageName(t, bought) })} testId="purchase-banner">
            {bought.status === 'queued'
              ? t('page.bought.queued', { sdkAppId: String(bought.sdkAppId), amount: money(bought.price) })
              : t('page.bought.active', { from: bought.validFrom ?? '', to: bought.validTo ?? '', sdkAppId: String(bought.sdkAppId), amount: money(bought.price) })}
          </Banner>
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        {free ? (
          <Card className="lg:col-span-2">
            <CardHeader title={t('page.free.title')} description={t('page.free.description')} />
            <CardBody>
              <MinutesBar used={free.used} total={free.minutes} kind="free" />
              <p className="mt-2 text-xs text-slate-500">
                {t('page.free.valid', { from: free.validFrom, to: free.validTo, renewsOn: free.renewsOn })}
                {!free.granted && t('page.free.due')}
              </p>
            </CardBody>
          </Card>
        ) : (
          <Card className="lg:col-span-2">
            <CardHeader title={t('page.book')} description={bookName(t, book)} />
            <CardBody>
              <p className="text-sm text-slate-600" data-testid="price-book-words"><BookSentence book={book} /></p>
            </CardBody>
          </Card>
        )}
        <Card>
          <CardHeader title={t('page.balance.title')} description={t('page.balance.description')} />
          <CardBody>
            <p className="text-2xl font-semibold tabular-nums">{money(account.balance)}</p>
            <Link href="/balance" className="text-sm text-indigo-600 hover:underline">
              {t('page.balance.link')}
            </Link>
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader
          title={t('page.minutesChart.title')}
          description={t('page.minutesChart.description', { from: chartDays[0] as string, to: today })}
        />
        <CardBody>
          <ChartFigure data={minutesChart} unit={t('page.minutesChart.unit')} labelHeader={t('page.minutesChart.day')} ariaLabel={t('page.minutesChart.aria', { from: chartDays[0] as string, to: today })} testId="package-minutes-chart" height={240} />
        </CardBody>
      </Card>

      <section className="mt-8 space-y-4" aria-labelledby="current-packages">
        <h2 id="current-packages" className="text-lg font-semibold text-slate-900">
          {t('page.current')}
        </h2>
        {cards.length === 0 ? (
          sellsPackages ? (
            <EmptyState
              title={t('page.empty.title')}
              description={free ? t('page.empty.free') : t('page.empty.book')}
              action={suspended ? undefined : <ButtonLink href="/packages/buy">{t('page.buy')}</ButtonLink>}
            />
          ) : (
            <EmptyState title={t('page.noPackages.title')} description={t('page.noPackages.description', { book: bookName(t, book) })} action={<ButtonLink href="/usage">{t('page.noPackages.usage')}</ButtonLink>} />
          )
        ) : (
          cards.map((card) => (
            <CurrentPackageCard
              key={card.pkg.id}
              card={card}
              currency={account.currency}
              suspended={suspended}
              forms={{
                autoRenew: !suspended && card.renewable && card.pkg.kind === 'package' ? <AutoRenewForm packageId={card.pkg.id} autoRenew={card.pkg.autoRenew} setAutoRenew={setAutoRenewAction} /> : null,
                refundRequest: <RefundRequestForm packageId={card.pkg.id} packageLabel={packageName(t, card.pkg)} amountLabel={money(card.pkg.price)} requestRefund={requestRefundAction} />,
                withdraw: card.openRequest ? <WithdrawRefundForm requestId={card.openRequest.id} withdrawRefund={withdrawRefundAction} /> : null,
              }}
            />
          ))
        )}
      </section>

      <section className="mt-8" aria-labelledby="refund-requests">
        <h2 id="refund-requests" className="mb-3 text-lg font-semibold text-slate-900">
          {t('page.refunds')}
        </h2>
        <RefundRequestList refunds={refunds} currency={account.currency} />
      </section>

      {/* Not a landmark of its own: the table's scrolling region already carries this name (axe landmark-unique). */}
      <section className="mt-8 grid grid-cols-[minmax(0,1fr)]">
        <h2 id="package-history" className="mb-3 text-lg font-semibold text-slate-900">
          {t('page.all')}
        </h2>
        <PackageHistoryTable rows={history.rows} total={history.total} currency={account.currency} searchParams={sp} params={params} />
      </section>
    </>
  );
}
