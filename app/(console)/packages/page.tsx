import Link from 'next/link';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { getPackage, listCurrentPackages, listPackageHistory, PACKAGE_HISTORY_SORTS, type PackageRow } from '@/db/queries/packages';
import { getOpenRefundRequest, listAccountRefundRequests } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { formatMoney } from '@/lib/money/format';
import { bookSellsPackages, offerOfPackage, packageDisplayName } from '@/lib/packages/catalog';
import { bookBillingSentence } from '@/lib/bills/book-words';
import { getPriceBook } from '@/lib/rating';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { describeExpiry } from '@/lib/packages/rules';
import { checkRefundEligibilities } from '@/lib/refunds/service';
import { parseTableParams } from '@/lib/table-params';
import { PageHeader } from '@/components/ui/page-header';
import { ChartFigure } from '@/components/charts/chart-figure';
import { listEntitlementUsage } from '@/db/queries/usage';
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

export const metadata = { title: 'Packages' };

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
      .map((e) => ({ key: e.id, name: e.sdkAppId ? `${e.name} · ${e.sdkAppId}` : e.name, values: onLabels(chartDays, e.usedByDay, (u) => u.day, (u) => u.minutes) })),
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
    const expiry = describeExpiry({ pkg, renewable: offer?.renewable ?? false, listPrice: offer?.price ?? pkg.price, queued: queuedBehind, balance: account.balance, currency: account.currency });
    return [{ pkg, appName, ahead, renewable: offer?.renewable ?? false, expiry, eligibility, openRequest: openRequest?.packageId === pkg.id ? openRequest : null }];
  });


  return (
    <>
      <PageHeader
        title="Packages"
        description={
          free
            ? "Monthly packages unlock features and cover audio/video minutes of one application; the account's free minutes are used first."
            : sellsPackages
              ? 'Packages cover the minutes of one application before they are billed.'
              : `The ${book.name} price book sells no packages: all usage is billed pay-as-you-go.`
        }
        actions={sellsPackages && !suspended ? <ButtonLink href="/packages/buy">Buy a package</ButtonLink> : undefined}
      />
      {suspended && (
        <div className="mb-6">
          <Banner tone="info" title="Buying and auto-renewal are closed while the account is suspended" testId="packages-suspended">
            {user.account.suspensionReason === 'violation'
              ? 'The account is suspended for a violation: its packages cannot be refunded (five-day refund rule (d)). Contact support to resolve it.'
              : 'A package bought in the last five days whose minutes are unused can still be refunded. Top up to lift the suspension.'}
          </Banner>
        </div>
      )}
      {bought && (
        <div className="mb-6">
          <Banner tone="success" title={`${packageDisplayName(bought)} bought`} testId="purchase-banner">
            {bought.status === 'queued'
              ? `It is queued and starts when the current package of SDKAppID ${bought.sdkAppId} expires. ${formatMoney(bought.price, account.currency)} was paid from the balance.`
              : `Active from ${bought.validFrom} to ${bought.validTo} for SDKAppID ${bought.sdkAppId}. ${formatMoney(bought.price, account.currency)} was paid from the balance.`}
          </Banner>
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        {free ? (
          <Card className="lg:col-span-2">
            <CardHeader title="Free minutes this cycle" description="10,000 a month for the whole account, used before any package; not refundable, not carried over." />
            <CardBody>
              <MinutesBar used={free.used} total={free.minutes} label="free minutes" />
              <p className="mt-2 text-xs text-slate-500">
                Valid {free.validFrom} to {free.validTo} (UTC+8). The next 10,000 arrive on {free.renewsOn}.
                {!free.granted && ' This cycle’s grant is issued by the daily jobs; it is shown as due.'}
              </p>
            </CardBody>
          </Card>
        ) : (
          <Card className="lg:col-span-2">
            <CardHeader title="Price book" description={book.name} />
            <CardBody>
              <p className="text-sm text-slate-600" data-testid="price-book-words">{bookBillingSentence(book)}</p>
            </CardBody>
          </Card>
        )}
        <Card>
          <CardHeader title="Balance" description="Purchases and renewals are paid from it." />
          <CardBody>
            <p className="text-2xl font-semibold tabular-nums">{formatMoney(account.balance, account.currency)}</p>
            <Link href="/balance" className="text-sm text-indigo-600 hover:underline">
              Top up or see the ledger →
            </Link>
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader
          title="Package minutes over time"
          description={`Minutes taken from each package and the free minutes per day, ${chartDays[0]} – ${today}, as each day was settled (video counts at its ratio, e.g. HD 1:4).`}
        />
        <CardBody>
          <ChartFigure data={minutesChart} unit="package min" labelHeader="Day" ariaLabel={`Package minutes used per day from ${chartDays[0]} to ${today}`} testId="package-minutes-chart" height={240} />
        </CardBody>
      </Card>

      <section className="mt-8 space-y-4" aria-labelledby="current-packages">
        <h2 id="current-packages" className="text-lg font-semibold text-slate-900">
          Current packages
        </h2>
        {cards.length === 0 ? (
          sellsPackages ? (
            <EmptyState
              title="No active or queued package"
              description={
                free
                  ? "Your applications run on the RTC-Engine Free edition with the account's free minutes, and are suspended when those are used up. Buy a package to unlock features and package minutes."
                  : 'Usage is billed pay-as-you-go until a package covers it.'
              }
              action={suspended ? undefined : <ButtonLink href="/packages/buy">Buy a package</ButtonLink>}
            />
          ) : (
            <EmptyState title="This price book has no packages" description={`Usage on the ${book.name} price book is billed pay-as-you-go; there is nothing to buy.`} action={<ButtonLink href="/usage">See usage</ButtonLink>} />
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
                refundRequest: <RefundRequestForm packageId={card.pkg.id} packageLabel={packageDisplayName(card.pkg)} amountLabel={formatMoney(card.pkg.price, account.currency)} requestRefund={requestRefundAction} />,
                withdraw: card.openRequest ? <WithdrawRefundForm requestId={card.openRequest.id} withdrawRefund={withdrawRefundAction} /> : null,
              }}
            />
          ))
        )}
      </section>

      <section className="mt-8" aria-labelledby="refund-requests">
        <h2 id="refund-requests" className="mb-3 text-lg font-semibold text-slate-900">
          Refund requests
        </h2>
        <RefundRequestList refunds={refunds} currency={account.currency} />
      </section>

      <section className="mt-8 grid grid-cols-[minmax(0,1fr)]" aria-labelledby="package-history">
        <h2 id="package-history" className="mb-3 text-lg font-semibold text-slate-900">
          All packages
        </h2>
        <PackageHistoryTable rows={history.rows} total={history.total} currency={account.currency} searchParams={sp} params={params} />
      </section>
    </>
  );
}
