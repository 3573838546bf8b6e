import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { listNotifications } from '@/lib/notices/queries';
import { listApplications } from '@/db/queries/applications';
import { listCurrentPackages } from '@/db/queries/packages';
import { listAccountRefundRequests } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { roundsPerMonth } from '@/lib/bills/book-words';
import { bookNameIn } from '@/lib/bills/words';
import { getPriceBook } from '@/lib/rating';
import { estimateMonth } from '@/lib/settlement/monthly';
import { MonthEstimateCard, monthBillDay } from '@/components/bills/month-estimate';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { ChartFigure } from '@/components/charts/chart-figure';
import { billedByDay } from '@/lib/bills/queries';
import { BILL_KINDS } from '@/db/schema/billing';
import { chartFromDecimals, onLabels } from '@/lib/charts/prepare';
import { addDays, localDate } from '@/lib/time/local-date';
import { daysOf } from '@/lib/usage/stats';
import { Stat, Card, CardHeader, CardBody } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Banner } from '@/components/ui/banner';
import { ButtonLink } from '@/components/ui/button';
import { ApplicationStatusBadge, EditionBadge, editionName } from '@/components/applications/application-status-badge';
import { applicationRunState } from '@/lib/applications/rules';
import { collapseRepeatedNotices } from '@/lib/notices/collapse';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';
import { NoticeList } from '@/components/notices/notice-list';

export async function generateMetadata() {
  const t = await getTranslations('overview');
  return { title: t('metaTitle') };
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ limited?: string }> }) {
  const user = await requirePageUser('customer');
  const { limited } = await searchParams;
  const [t, locale] = await Promise.all([getTranslations('overview'), getLocale()]);
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
      name: t('cost.series', { kind: k }),
      values: onLabels(costDays, billed.filter((b) => b.kind === k), (b) => b.day, (b) => b.total),
    })),
  );
  const openRefund = refunds[0]?.request.status === 'open' ? refunds[0] : null;
  const billingOnly = isBillingOnly(account.status);
  const latest = collapseRepeatedNotices(notes, 5);
  const runStates = apps.map((a) => applicationRunState(a, account.status === 'suspended'));
  const runCount = (...s: (typeof runStates)[number][]) => runStates.filter((x) => s.includes(x)).length;
  return (
    <>
      <PageHeader title={t('welcome', { name: account.name })} description={t('description')} />
      {limited && (
        <div className="mb-6">
          <Banner tone="info" title={t('limitedTitle')}>
            {t('limitedBody')}
          </Banner>
        </div>
      )}
      {openRefund && (
        <div className="mb-6">
          <Banner tone="info" title={t('refundWaitingTitle')} action={<ButtonLink href="/packages" variant="secondary">{t('seePackages')}</ButtonLink>}>
            {t('refundWaitingBody', {
              package: openRefund.pkg ? packageDisplayName(openRefund.pkg) : t('packageFallback'),
              amount: formatMoney(openRefund.request.amount, account.currency, locale),
              requestedAt: formatLocalDateTime(openRefund.request.requestedAt),
            })}
          </Banner>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label={t('stats.balance')}
          value={formatMoney(account.balance, account.currency, locale)}
          tone={account.balance.isNegative() ? 'danger' : 'default'}
          note={<Link className="text-indigo-600 hover:underline" href="/balance">{t('stats.topUpOrLedger')}</Link>}
        />
        <Stat
          label={t('stats.applications')}
          value={apps.length}
          note={<span data-testid="apps-run-states">{t('stats.runStates', { running: runCount('running'), suspended: runCount('free_exhausted', 'account_stopped'), disabled: runCount('disabled') })}</span>}
        />
        <Stat label={t('stats.activePackages')} value={current.filter((c) => c.pkg.status === 'active').length} note={t('stats.queued', { count: current.filter((c) => c.pkg.status === 'queued').length })} />
        {free ? (
          <Stat label={t('stats.freeMinutesLeft')} value={formatQuantity(free.left, locale)} note={t('stats.freeMinutesNote', { minutes: formatQuantity(free.minutes, locale), validTo: free.validTo })} />
        ) : estimate ? (
          <Stat label={t('stats.monthSoFar')} value={`≈ ${formatMoney(estimate.total, account.currency, locale)}`} note={t('stats.monthSoFarNote', { month: estimate.month, billDay: monthBillDay(estimate.month) })} />
        ) : (
          <Stat label={t('stats.priceBook')} value={<span className="text-lg">{bookNameIn(locale, book)}</span>} note={t('stats.priceBookNote', { currency: book.currency })} />
        )}
      </div>

      {estimate && (
        <div className="mt-6">
          <MonthEstimateCard estimate={estimate} />
        </div>
      )}

      <Card className="mt-6">
        <CardHeader
          title={t('cost.title')}
          description={t('cost.description', { from: costDays[0] as string, to: today })}
          actions={<ButtonLink href="/bills" variant="secondary">{t('cost.bills')}</ButtonLink>}
        />
        <CardBody>
          <ChartFigure data={costChart} unit={account.currency} formatValue="money" labelHeader={t('cost.day')} ariaLabel={t('cost.ariaLabel', { currency: account.currency, from: costDays[0] as string, to: today })} testId="cost-chart" height={240} />
        </CardBody>
      </Card>

      {latest.length > 0 && (
        <Card className="mt-6">
          <CardHeader
            title={t('notices.title')}
            description={t('notices.description')}
            actions={<ButtonLink href="/notices" variant="secondary">{t('notices.all')}</ButtonLink>}
          />
          <NoticeList notices={latest} testId="notifications" />
        </Card>
      )}

      <Card className="mt-6">
        <CardHeader
          title={t('apps.title')}
          description={t('apps.description', { period: roundsPerMonth(book) ? 'month' : 'day' })}
          actions={billingOnly ? undefined : <ButtonLink href="/applications" variant="secondary">{t('apps.manage')}</ButtonLink>}
        />
        <CardBody>
          {apps.length === 0 ? (
            <EmptyState
              title={t('apps.emptyTitle')}
              description={t('apps.emptyBody')}
              action={billingOnly ? undefined : <ButtonLink href="/applications">{t('apps.create')}</ButtonLink>}
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
                      {pkgs.length > 0 && <span className="text-xs text-slate-500">{pkgs.map((p) => (p.pkg.status === 'queued' ? t('apps.queuedPackage', { name: packageDisplayName(p.pkg) }) : packageDisplayName(p.pkg))).join(locale === 'zh' ? '、' : ', ')}</span>}
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
          {t('lastRefund')} <RefundStatusBadge status={refunds[0].request.status} /> {refunds[0].request.decisionReason ?? ''}
        </p>
      )}
    </>
  );
}
