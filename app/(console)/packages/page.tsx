import Link from 'next/link';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { getPackage, listCurrentPackages, listPackageHistory, PACKAGE_HISTORY_SORTS, type PackageRow } from '@/db/queries/packages';
import { getOpenRefundRequest, listAccountRefundRequests } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { bookSellsPackages, PRODUCT_LABEL, offerOfPackage, packageDisplayName, type ProductCode } from '@/lib/packages/catalog';
import { bookBillingSentence } from '@/lib/bills/book-words';
import { getPriceBook } from '@/lib/rating';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { describeExpiry, expiryInstant } from '@/lib/packages/rules';
import { checkRefundEligibility } from '@/lib/refunds/service';
import { formatLocalSeconds } from '@/lib/refunds/rules';
import { parseTableParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { ChartFigure } from '@/components/charts/chart-figure';
import { listEntitlementUsage } from '@/db/queries/usage';
import { chartFromDecimals, onLabels } from '@/lib/charts/prepare';
import { addDays, localDate } from '@/lib/time/local-date';
import { daysOf } from '@/lib/usage/stats';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { ButtonLink } from '@/components/ui/button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { MinutesBar } from '@/components/packages/minutes-bar';
import { PACKAGE_SOURCE_LABEL, PackageStatusBadge } from '@/components/packages/package-status-badge';
import { AutoRenewForm, RefundRequestForm, WithdrawRefundForm } from '@/components/packages/package-forms';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';

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

  const sameSlot = (a: PackageRow, b: PackageRow) => a.applicationId === b.applicationId && a.product === b.product;
  const cards = await Promise.all(
    current.map(async ({ pkg, appName }) => {
      const queuedBehind = pkg.status === 'active' ? (current.find((c) => c.pkg.status === 'queued' && sameSlot(c.pkg, pkg))?.pkg ?? null) : null;
      const ahead = pkg.status === 'queued' ? (current.find((c) => c.pkg.status === 'active' && sameSlot(c.pkg, pkg))?.pkg ?? null) : null;
      const offer = offerOfPackage(pkg);
      const expiry = describeExpiry({ pkg, renewable: offer?.renewable ?? false, listPrice: offer?.price ?? pkg.price, queued: queuedBehind, balance: account.balance, currency: account.currency });
      const eligibility = await checkRefundEligibility(db, { account, pkg, now, otherOpenRequest: openRequest !== null });
      return { pkg, appName, ahead, offer, expiry, eligibility };
    }),
  );

  const columns: Column<{ pkg: PackageRow; appName: string }>[] = [
    {
      key: 'name',
      header: 'Package',
      render: (r) => (
        <span>
          <span className="font-medium text-slate-900">{packageDisplayName(r.pkg)}</span>
          <span className="block text-xs text-slate-500">{PACKAGE_SOURCE_LABEL[r.pkg.source]}</span>
        </span>
      ),
    },
    { key: 'app', header: 'Application', sortKey: 'sdkAppId', render: (r) => <span>{r.appName} <span className="font-mono text-xs text-slate-500">{r.pkg.sdkAppId}</span></span> },
    { key: 'validity', header: 'Valid', sortKey: 'validTo', render: (r) => (r.pkg.validFrom ? `${r.pkg.validFrom} to ${r.pkg.validTo}` : '—') },
    { key: 'used', header: 'Minutes used', align: 'right', render: (r) => `${formatQuantity(r.pkg.minutesUsed)} / ${formatQuantity(r.pkg.minutes)}` },
    { key: 'price', header: 'Price', sortKey: 'price', align: 'right', render: (r) => formatMoney(r.pkg.price, account.currency) },
    { key: 'bought', header: 'On', sortKey: 'purchasedAt', render: (r) => formatLocalDateTime(r.pkg.purchasedAt) },
    { key: 'status', header: 'Status', sortKey: 'status', render: (r) => <PackageStatusBadge status={r.pkg.status} /> },
  ];

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
          cards.map(({ pkg, appName, ahead, offer, expiry, eligibility }) => {
            const name = packageDisplayName(pkg);
            const requestHere = openRequest?.packageId === pkg.id ? openRequest : null;
            return (
              <div key={pkg.id} data-testid="current-package" data-package-id={pkg.id}>
              <Card>
                <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
                  <div>
                    <h3 className="text-base font-semibold text-slate-900">{name}</h3>
                    <p className="text-sm text-slate-500">
                      {PRODUCT_LABEL[pkg.product as ProductCode] ?? pkg.product} for{' '}
                      {suspended ? (
                        appName
                      ) : (
                        <Link href={`/applications/${pkg.sdkAppId}`} className="text-indigo-600 hover:underline">
                          {appName}
                        </Link>
                      )}{' '}
                      <span className="font-mono text-xs">({pkg.sdkAppId})</span>
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <PackageStatusBadge status={pkg.status} />
                    {pkg.autoRenew ? <Badge tone="blue">Auto-renewal on</Badge> : offer?.renewable ? <Badge tone="gray">Auto-renewal off</Badge> : null}
                    {pkg.kind === 'trial' && <Badge tone="gray">Free trial</Badge>}
                  </div>
                </div>
                <CardBody className="space-y-4">
                  <dl className="grid gap-4 text-sm sm:grid-cols-3">
                    <div>
                      <dt className="text-slate-500">Validity</dt>
                      <dd className="mt-1 text-slate-900" data-testid="validity">
                        {pkg.validFrom && pkg.validTo ? (
                          <>
                            {pkg.validFrom} to {pkg.validTo}
                            <span className="block text-xs text-slate-500">
                              From 00:00 on {pkg.validFrom} to 23:59:59 on {pkg.validTo} (UTC+8){pkg.anchorDay ? `; renewal day of month: ${pkg.anchorDay}` : ''}.
                            </span>
                          </>
                        ) : (
                          <>
                            Queued
                            <span className="block text-xs text-slate-500">
                              {ahead?.validTo
                                ? `Starts at ${formatLocalDateTime(expiryInstant({ validTo: ahead.validTo }))} when ${packageDisplayName(ahead)} ends, valid one month from that day.`
                                : 'Starts when the package before it ends.'}
                            </span>
                          </>
                        )}
                      </dd>
                    </div>
                    <div className="sm:col-span-2">
                      <dt className="text-slate-500">Package minutes</dt>
                      <dd className="mt-1">
                        {pkg.minutes.isZero() ? <span className="text-slate-700">No package minutes (features only).</span> : <MinutesBar used={pkg.minutesUsed} total={pkg.minutes} />}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-slate-500">Paid</dt>
                      <dd className="mt-1 text-slate-900">
                        {formatMoney(pkg.price, account.currency)}
                        <span className="block text-xs text-slate-500">
                          {PACKAGE_SOURCE_LABEL[pkg.source]} {formatLocalDateTime(pkg.purchasedAt)}
                        </span>
                      </dd>
                    </div>
                    <div className="sm:col-span-2">
                      <dt className="text-slate-500">At expiry</dt>
                      <dd className="mt-1 text-slate-900" data-testid="at-expiry">
                        {expiry.text}
                        {expiry.warning && <span className="mt-1 block font-medium text-amber-700">{expiry.warning}</span>}
                      </dd>
                    </div>
                  </dl>
                  <div className="flex flex-wrap gap-6 border-t border-slate-100 pt-4">
                    {!suspended && offer?.renewable && pkg.kind === 'package' && (
                      <div>
                        <p className="mb-2 text-sm font-medium text-slate-800">Auto-renewal</p>
                        <AutoRenewForm packageId={pkg.id} autoRenew={pkg.autoRenew} />
                      </div>
                    )}
                    <div className="min-w-72 flex-1" data-testid="refund-section">
                      <p className="mb-2 text-sm font-medium text-slate-800">Five-day refund</p>
                      {requestHere ? (
                        <div className="space-y-2">
                          <p className="text-sm text-slate-700">
                            Refund requested {formatLocalDateTime(requestHere.requestedAt)} for {formatMoney(requestHere.amount, account.currency)}: <RefundStatusBadge status="open" />
                          </p>
                          <WithdrawRefundForm requestId={requestHere.id} />
                        </div>
                      ) : eligibility.eligible ? (
                        <>
                          <p className="mb-2 text-sm text-slate-600">{eligibility.checks.find((c) => c.id === 'a')?.detail} Unused, so the full amount can be refunded.</p>
                          <RefundRequestForm packageId={pkg.id} packageLabel={name} amountLabel={formatMoney(pkg.price, account.currency)} />
                        </>
                      ) : (
                        <p className="text-sm text-rose-700" data-testid="refund-refused">
                          Not refundable: {eligibility.reason}
                        </p>
                      )}
                    </div>
                  </div>
                </CardBody>
              </Card>
              </div>
            );
          })
        )}
      </section>

      <section className="mt-8" aria-labelledby="refund-requests">
        <h2 id="refund-requests" className="mb-3 text-lg font-semibold text-slate-900">
          Refund requests
        </h2>
        {refunds.length === 0 ? (
          <p className="text-sm text-slate-500">
            No refund requests. A package bought less than 5 days ago whose minutes were not used can be refunded in full (one request at a time).
          </p>
        ) : (
          <Card>
            <ul className="divide-y divide-slate-100" data-testid="refund-requests">
              {refunds.map(({ request, pkg }) => (
                <li key={request.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-3 text-sm">
                  <div>
                    <p className="font-medium text-slate-900">
                      {pkg ? packageDisplayName(pkg) : 'Package'} · {formatMoney(request.amount, account.currency)}
                    </p>
                    <p className="text-slate-500">
                      Requested {formatLocalSeconds(request.requestedAt)}
                      {request.decidedAt ? ` · decided ${formatLocalSeconds(request.decidedAt)}` : ''}
                    </p>
                    {request.decisionReason && <p className="mt-1 text-slate-700">Reason: {request.decisionReason}</p>}
                  </div>
                  <RefundStatusBadge status={request.status} />
                </li>
              ))}
            </ul>
          </Card>
        )}
      </section>

      <section className="mt-8 grid grid-cols-[minmax(0,1fr)]" aria-labelledby="package-history">
        <h2 id="package-history" className="mb-3 text-lg font-semibold text-slate-900">
          All packages
        </h2>
        <DataTable
          columns={columns}
          rows={history.rows}
          rowKey={(r) => r.pkg.id}
          searchParams={sp}
          params={params}
          total={history.total}
          caption="All packages"
          testId="package-history"
          empty="No packages yet. Bought, renewed, expired and refunded packages are listed here."
        />
      </section>
    </>
  );
}
