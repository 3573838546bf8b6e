import Link from 'next/link';
import { db } from '@/db';
import { getRefundRequest, listRefundQueue, REFUND_QUEUE_SORTS } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { formatMoney, type Currency } from '@/lib/money/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { formatLocalSeconds, refundLastMoment, type RefundEligibility } from '@/lib/refunds/rules';
import { checkQueuedRefundEligibilities, type StoredRefundChecks } from '@/lib/refunds/service';
import { parseTableParams, withParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardBody } from '@/components/ui/card';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Banner } from '@/components/ui/banner';
import { cn } from '@/components/ui/cn';
import { RefundChecks } from '@/components/refunds/refund-checks';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';
import { RefundDecisionForm } from '@/components/admin/admin-forms';
import { decideRefundAction } from './actions';
import { getLocale, getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  const t = await getTranslations('admin.refunds');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;
const TABS = [{ id: 'open' }, { id: 'approved' }, { id: 'rejected' }, { id: 'withdrawn' }, { id: 'all' }] as const;

export default async function AdminRefundsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser('admin');
  const [t, locale] = await Promise.all([getTranslations('admin.refunds'), getLocale()]);
  const money = (amount: Parameters<typeof formatMoney>[0], currency: string) => formatMoney(amount, currency as Currency, locale);
  const sp = await searchParams;
  const tab = TABS.find((x) => x.id === sp.status)?.id ?? 'open';
  const params = parseTableParams(sp, { sortable: REFUND_QUEUE_SORTS, defaultSort: 'requestedAt', defaultDir: tab === 'open' ? 'asc' : 'desc', pageSize: 20 });
  const { rows, total } = await listRefundQueue(db, { status: tab === 'all' ? undefined : tab, sort: params.sort, dir: params.dir, limit: params.pageSize, offset: params.offset });
  type Row = (typeof rows)[number];
  const decidedId = typeof sp.decided === 'string' && /^[0-9a-f-]{36}$/i.test(sp.decided) ? sp.decided : null;
  const decided = decidedId ? await getRefundRequest(db, decidedId) : null;

  // Open requests: the checks as stored at the request, and re-run now (what approval will see),
  // each at its own account's time: one read for the page (checkQueuedRefundEligibilities), not
  // one per request. The queue row carries the account's status, all the checks need of it.
  const live =
    tab === 'open'
      ? await checkQueuedRefundEligibilities(
          db,
          rows.flatMap((r) =>
            r.pkg ? [{ requestId: r.request.id, requestedAt: r.request.requestedAt, account: { id: r.request.accountId, status: r.accountStatus, suspensionReason: r.accountSuspensionReason }, pkg: r.pkg }] : [],
          ),
        )
      : new Map<string, RefundEligibility>();

  const columns: Column<Row>[] = [
    {
      key: 'account',
      header: t('columns.account'),
      render: (r) => (
        <Link href={`/admin/accounts/${r.request.accountId}`} className="font-medium text-slate-900 hover:text-indigo-600">
          {r.accountName}
          <span className="block text-xs font-normal text-slate-500">{r.ownerEmail}</span>
        </Link>
      ),
    },
    { key: 'package', header: t('columns.package'), render: (r) => (r.pkg ? `${packageDisplayName(r.pkg)} · ${r.pkg.sdkAppId}` : '—') },
    { key: 'amount', header: t('columns.amount'), sortKey: 'amount', align: 'right', render: (r) => money(r.request.amount, r.request.currency) },
    { key: 'requested', header: t('columns.requested'), sortKey: 'requestedAt', render: (r) => formatLocalDateTime(r.request.requestedAt) },
    { key: 'decided', header: t('columns.decided'), sortKey: 'decidedAt', render: (r) => (r.request.decidedAt ? formatLocalDateTime(r.request.decidedAt) : '—') },
    { key: 'reason', header: t('columns.reason'), render: (r) => <div className="min-w-56 max-w-sm whitespace-normal">{r.request.decisionReason ?? '—'}</div> },
    { key: 'status', header: t('columns.status'), render: (r) => <RefundStatusBadge status={r.request.status} /> },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {decided && decided.request.status !== 'open' && (
        <div className="mb-5">
          <Banner
            tone={decided.request.status === 'approved' ? 'success' : 'warning'}
            title={
              decided.request.status === 'approved'
                ? t('approvedBanner', { amount: money(decided.request.amount, decided.request.currency), account: decided.accountName })
                : decided.request.decisionReason?.startsWith('Re-check at approval failed')
                  ? t('recheckFailedBanner')
                  : t('rejectedBanner', { account: decided.accountName })
            }
            testId="decision-banner"
          >
            {decided.request.decisionReason}
          </Banner>
        </div>
      )}
      <nav className="mb-5 flex flex-wrap gap-x-1 border-b border-slate-200" aria-label={t('tabsLabel')}>
        {TABS.map((x) => (
          <Link
            key={x.id}
            href={withParams({}, { status: x.id === 'open' ? undefined : x.id })}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm font-medium', x.id === tab ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900')}
            aria-current={x.id === tab ? 'page' : undefined}
          >
            {t(`tabs.${x.id}`)}
          </Link>
        ))}
      </nav>
      {tab === 'open' ? (
        rows.length === 0 ? (
          <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <div className="space-y-4" data-testid="refund-queue">
            {rows.map((r) => {
              const stored = (r.request.checks ?? {}) as StoredRefundChecks;
              const now = live.get(r.request.id);
              return (
                <Card key={r.request.id}>
                  <div className="border-b border-slate-100 px-5 py-4" data-testid={`refund-request-${r.request.id}`}>
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div>
                        <h2 className="text-base font-semibold text-slate-900">
                          {r.pkg ? packageDisplayName(r.pkg) : t('packageFallback')} · {money(r.request.amount, r.request.currency)}
                        </h2>
                        <p className="text-sm text-slate-500">
                          <Link href={`/admin/accounts/${r.request.accountId}`} className="text-indigo-600 hover:underline">
                            {r.accountName}
                          </Link>{' '}
                          ({r.ownerEmail}) · {r.appName ?? t('applicationFallback')} <span className="font-mono text-xs">{r.pkg?.sdkAppId}</span>
                        </p>
                        <p className="text-sm text-slate-500">
                          {r.pkg
                            ? t('requestedBought', { requested: formatLocalSeconds(r.request.requestedAt), bought: formatLocalSeconds(r.pkg.purchasedAt), until: formatLocalSeconds(refundLastMoment(r.pkg.purchasedAt)) })
                            : t('requested', { requested: formatLocalSeconds(r.request.requestedAt) })}
                        </p>
                        {r.request.customerNote && <p className="mt-1 text-sm text-slate-700">{t('customerNote', { note: r.request.customerNote })}</p>}
                      </div>
                      <RefundStatusBadge status={r.request.status} />
                    </div>
                  </div>
                  <CardBody className="grid gap-6 lg:grid-cols-3">
                    <div>
                      <p className="mb-2 text-sm font-medium text-slate-800">{t('checksRequested')}</p>
                      {stored.requested ? <RefundChecks checks={stored.requested} compact /> : <p className="text-sm text-slate-500">{t('notRecorded')}</p>}
                    </div>
                    <div>
                      <p className="mb-2 text-sm font-medium text-slate-800">
                        {t('checksNow')}{' '}
                        {now &&
                          (now.eligible ? (
                            <span className="text-emerald-700">{t('willRefund')}</span>
                          ) : now.pendingSettlement ? (
                            <span className="text-amber-700" data-testid="decide-after">
                              {t('decideAfter', { at: formatLocalSeconds(now.pendingSettlement.settlesAt) })}
                            </span>
                          ) : (
                            <span className="text-rose-700">{t('willRefuse')}</span>
                          ))}
                      </p>
                      {now ? <RefundChecks checks={now.checks} compact /> : <p className="text-sm text-slate-500">{t('packageGone')}</p>}
                    </div>
                    <div>
                      <RefundDecisionForm decideRefundAction={decideRefundAction} requestId={r.request.id} amountLabel={money(r.request.amount, r.request.currency)} appLabel={`${r.appName ?? t('theApplication')}${r.pkg ? ` (${r.pkg.sdkAppId})` : ''}`} />
                    </div>
                  </CardBody>
                </Card>
              );
            })}
            {total > rows.length && <p className="text-sm text-slate-500">{t('showingOldest', { shown: rows.length, total })}</p>}
          </div>
        )
      ) : (
        <div className="grid grid-cols-[minmax(0,1fr)]">
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.request.id}
          searchParams={sp}
          params={params}
          total={total}
          caption={t('caption')}
          testId="refund-history"
          empty={t('emptyHistory')}
        />
        </div>
      )}
    </>
  );
}
