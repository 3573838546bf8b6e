import Link from 'next/link';
import { db } from '@/db';
import { getAccount, listNotifications } from '@/db/queries/accounts';
import { listApplications } from '@/db/queries/applications';
import { listCurrentPackages } from '@/db/queries/packages';
import { listAccountRefundRequests } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { roundingUnitPhrase, roundsPerMonth } from '@/lib/bills/book-words';
import { getPriceBook } from '@/lib/rating';
import { estimateMonth } from '@/lib/settlement/monthly';
import { MonthEstimateCard, monthBillDay } from '@/components/bills/month-estimate';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { ChartFigure } from '@/components/charts/chart-figure';
import { billedByDay } from '@/db/queries/bills';
import { BILL_KINDS } from '@/db/schema/billing';
import { billKindLabel } from '@/lib/bills/present';
import { chartFromDecimals, onLabels } from '@/lib/charts/prepare';
import { addDays, localDate } from '@/lib/time/local-date';
import { daysOf } from '@/lib/usage/stats';
import { Stat, Card, CardHeader, CardBody } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Banner } from '@/components/ui/banner';
import { ButtonLink } from '@/components/ui/button';
import { ApplicationStatusBadge, EditionBadge, editionName } from '@/components/applications/application-status-badge';
import { applicationRunState, describeRunStates } from '@/lib/applications/rules';
import { collapseRepeatedNotices } from '@/lib/notices/collapse';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';
import { NoticeList } from '@/components/notices/notice-list';

export const metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ limited?: string }> }) {
  const user = await requirePageUser('customer');
  const { limited } = await searchParams;
  const [account, apps, current, refunds, notes, now] = await Promise.all([
    getAccount(db, user.accountId),
    listApplications(db, user.accountId),
    listCurrentPackages(db, user.accountId),
    listAccountRefundRequests(db, user.accountId, 1),
    listNotifications(db, user.accountId, 20),
    accountNow(db, user.accountId),
  ]);
  if (!account) throw new Error('account missing for signed-in customer');
  const book = getPriceBook(account.priceBookId);
  const today = localDate(now);
  const [free, estimate] = await Promise.all([
    loadFreeMinuteStatus(db, account, now),
    // A book rounding per month bills on the 1st: the month so far is shown as an estimate (issue 12 item 2).
    roundsPerMonth(book) ? estimateMonth(db, { accountId: account.id, priceBookId: book.id, registeredAt: account.registeredAt, month: today.slice(0, 7), today }) : Promise.resolve(null),
  ]);
  // Cost by day: the bills of the last 30 local days, by the day their period starts, per kind.
  const costDays = daysOf(addDays(today, -29), today);
  const billed = await billedByDay(db, user.accountId, costDays[0] as string, today);
  const costChart = chartFromDecimals(
    costDays,
    BILL_KINDS.filter((k) => billed.some((b) => b.kind === k)).map((k) => ({
      key: k,
      name: `${billKindLabel(k)} bills`,
      values: onLabels(costDays, billed.filter((b) => b.kind === k), (b) => b.day, (b) => b.total),
    })),
  );
  const openRefund = refunds[0]?.request.status === 'open' ? refunds[0] : null;
  const billingOnly = isBillingOnly(account.status);
  const latest = collapseRepeatedNotices(notes, 5);
  const runStates = apps.map((a) => applicationRunState(a, account.status === 'suspended'));
  return (
    <>
      <PageHeader title={`Welcome, ${account.name}`} description="Your applications, balance and packages at a glance." />
      {limited && (
        <div className="mb-6">
          <Banner tone="info" title="That page is unavailable while the account is suspended">
            Only billing pages (overview, packages and refunds, bills, balance) are open until the suspension is lifted.
          </Banner>
        </div>
      )}
      {openRefund && (
        <div className="mb-6">
          <Banner tone="info" title="A refund request is waiting for review" action={<ButtonLink href="/packages" variant="secondary">See packages</ButtonLink>}>
            {openRefund.pkg ? packageDisplayName(openRefund.pkg) : 'Package'} · {formatMoney(openRefund.request.amount, account.currency)}, requested {formatLocalDateTime(openRefund.request.requestedAt)}.
          </Banner>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Balance"
          value={formatMoney(account.balance, account.currency)}
          tone={account.balance.isNegative() ? 'danger' : 'default'}
          note={<Link className="text-indigo-600 hover:underline" href="/balance">Top up or see the ledger →</Link>}
        />
        <Stat label="Applications" value={apps.length} note={<span data-testid="apps-run-states">{describeRunStates(runStates)}</span>} />
        <Stat label="Active packages" value={current.filter((c) => c.pkg.status === 'active').length} note={`${current.filter((c) => c.pkg.status === 'queued').length} queued`} />
        {free ? (
          <Stat label="Free minutes left" value={formatQuantity(free.left)} note={`of ${formatQuantity(free.minutes)}, cycle ends ${free.validTo}`} />
        ) : estimate ? (
          <Stat label="Month so far (estimate)" value={`≈ ${formatMoney(estimate.total, account.currency)}`} note={`not a bill: the ${estimate.month} bill is issued on ${monthBillDay(estimate.month)}`} />
        ) : (
          <Stat label="Price book" value={<span className="text-lg">{book.name}</span>} note={`pay-as-you-go in ${book.currency}, no free minutes`} />
        )}
      </div>

      {estimate && (
        <div className="mt-6">
          <MonthEstimateCard estimate={estimate} />
        </div>
      )}

      <Card className="mt-6">
        <CardHeader
          title="Cost by day"
          description={`What the bills of each local day charged, ${costDays[0]} – ${today} (a monthly bill on the 1st, adjustments on the day they correct).`}
          actions={<ButtonLink href="/bills" variant="secondary">Bills</ButtonLink>}
        />
        <CardBody>
          <ChartFigure data={costChart} unit={account.currency} formatValue="money" labelHeader="Day" ariaLabel={`Billed per day in ${account.currency} from ${costDays[0]} to ${today}`} testId="cost-chart" height={240} />
        </CardBody>
      </Card>

      {latest.length > 0 && (
        <Card className="mt-6">
          <CardHeader
            title="Latest notices"
            description="Balance, account status, packages, refunds and bills."
            actions={<ButtonLink href="/notices" variant="secondary">All messages</ButtonLink>}
          />
          <NoticeList notices={latest} testId="notifications" />
        </Card>
      )}

      <Card className="mt-6">
        <CardHeader
          title="Applications"
          description={`Each SDKAppID is billed on its own; minutes are rounded up ${roundingUnitPhrase(book)}.`}
          actions={billingOnly ? undefined : <ButtonLink href="/applications" variant="secondary">Manage</ButtonLink>}
        />
        <CardBody>
          {apps.length === 0 ? (
            <EmptyState
              title="No applications yet"
              description="Create an application to get an SDKAppID and a secret key for the usage API, then top up and buy a package for it."
              action={billingOnly ? undefined : <ButtonLink href="/applications">Create an application</ButtonLink>}
            />
          ) : (
            <ul className="divide-y divide-slate-100">
              {apps.map((a) => {
                // The edition badge names the edition package already: list only the other packages (the edition was shown twice).
                const pkgs = current.filter((c) => c.pkg.applicationId === a.id && !(c.pkg.status === 'active' && packageDisplayName(c.pkg) === editionName(a.edition)));
                return (
                  <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                    <Link href={`/applications/${a.sdkAppId}`} className="font-medium text-slate-900 hover:text-indigo-600">
                      {a.name} <span className="ml-2 font-mono text-xs text-slate-500">{a.sdkAppId}</span>
                    </Link>
                    <span className="flex flex-wrap items-center gap-2">
                      {pkgs.length > 0 && <span className="text-xs text-slate-500">{pkgs.map((p) => packageDisplayName(p.pkg) + (p.pkg.status === 'queued' ? ' (queued)' : '')).join(', ')}</span>}
                      {free && <EditionBadge edition={a.edition} />}
                      <ApplicationStatusBadge app={a} accountSuspended={account.status === 'suspended'} />
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </CardBody>
      </Card>
      {refunds[0] && !openRefund && (
        <p className="mt-4 text-sm text-slate-500">
          Last refund request: <RefundStatusBadge status={refunds[0].request.status} /> {refunds[0].request.decisionReason ?? ''}
        </p>
      )}
    </>
  );
}
