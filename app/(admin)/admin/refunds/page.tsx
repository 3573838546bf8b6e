import Link from 'next/link';
import { db } from '@/db';
import { getRefundRequest, listRefundQueue, REFUND_QUEUE_SORTS } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { formatMoney, type Currency } from '@/lib/money/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { formatLocalSeconds, refundLastMoment, type RefundEligibility } from '@/lib/refunds/rules';
import { checkRefundEligibility, type StoredRefundChecks } from '@/lib/refunds/service';
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

export const metadata = { title: 'Refund requests' };

type SearchParams = Record<string, string | string[] | undefined>;
const TABS = [
  { id: 'open', label: 'Waiting' },
  { id: 'approved', label: 'Approved' },
  { id: 'rejected', label: 'Rejected' },
  { id: 'withdrawn', label: 'Withdrawn' },
  { id: 'all', label: 'All' },
] as const;

export default async function AdminRefundsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser('admin');
  const sp = await searchParams;
  const tab = TABS.find((t) => t.id === sp.status)?.id ?? 'open';
  const params = parseTableParams(sp, { sortable: REFUND_QUEUE_SORTS, defaultSort: 'requestedAt', defaultDir: tab === 'open' ? 'asc' : 'desc', pageSize: 20 });
  const { rows, total } = await listRefundQueue(db, { status: tab === 'all' ? undefined : tab, sort: params.sort, dir: params.dir, limit: params.pageSize, offset: params.offset });
  type Row = (typeof rows)[number];
  const decidedId = typeof sp.decided === 'string' && /^[0-9a-f-]{36}$/i.test(sp.decided) ? sp.decided : null;
  const decided = decidedId ? await getRefundRequest(db, decidedId) : null;

  // Open requests: the checks as stored at the request, and re-run now (what approval will see),
  // each at its own account's time (test clocks are per account). The queue row carries the
  // account's status, all the checks need of it.
  const live = new Map<string, RefundEligibility>();
  if (tab === 'open') {
    await Promise.all(
      rows.map(async (r) => {
        if (!r.pkg) return;
        const account = { id: r.request.accountId, status: r.accountStatus, suspensionReason: r.accountSuspensionReason };
        const now = await accountNow(db, account.id);
        live.set(r.request.id, await checkRefundEligibility(db, { account, pkg: r.pkg, now, requestedAt: r.request.requestedAt, excludeRequestId: r.request.id }));
      }),
    );
  }

  const columns: Column<Row>[] = [
    {
      key: 'account',
      header: 'Account',
      render: (r) => (
        <Link href={`/admin/accounts/${r.request.accountId}`} className="font-medium text-slate-900 hover:text-indigo-600">
          {r.accountName}
          <span className="block text-xs font-normal text-slate-500">{r.ownerEmail}</span>
        </Link>
      ),
    },
    { key: 'package', header: 'Package', render: (r) => (r.pkg ? `${packageDisplayName(r.pkg)} · ${r.pkg.sdkAppId}` : '—') },
    { key: 'amount', header: 'Amount', sortKey: 'amount', align: 'right', render: (r) => formatMoney(r.request.amount, r.request.currency as Currency) },
    { key: 'requested', header: 'Requested', sortKey: 'requestedAt', render: (r) => formatLocalDateTime(r.request.requestedAt) },
    { key: 'decided', header: 'Decided', sortKey: 'decidedAt', render: (r) => (r.request.decidedAt ? formatLocalDateTime(r.request.decidedAt) : '—') },
    { key: 'reason', header: 'Reason', render: (r) => <div className="min-w-56 max-w-sm whitespace-normal">{r.request.decisionReason ?? '—'}</div> },
    { key: 'status', header: 'Status', render: (r) => <RefundStatusBadge status={r.request.status} /> },
  ];

  return (
    <>
      <PageHeader title="Refund requests" description="Five-day refunds: the console pre-checks (a) to (d); approval re-checks at that moment and credits the full amount paid." />
      {decided && decided.request.status !== 'open' && (
        <div className="mb-5">
          <Banner
            tone={decided.request.status === 'approved' ? 'success' : 'warning'}
            title={
              decided.request.status === 'approved'
                ? `Approved: ${formatMoney(decided.request.amount, decided.request.currency as Currency)} is back in ${decided.accountName}'s balance and the package is void.`
                : decided.request.decisionReason?.startsWith('Re-check at approval failed')
                  ? 'Not refunded: the re-check at approval failed, so the request was closed as rejected.'
                  : `Rejected: ${decided.accountName} sees your reason.`
            }
            testId="decision-banner"
          >
            {decided.request.decisionReason}
          </Banner>
        </div>
      )}
      <nav className="mb-5 flex flex-wrap gap-x-1 border-b border-slate-200" aria-label="Request status">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={withParams({}, { status: t.id === 'open' ? undefined : t.id })}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm font-medium', t.id === tab ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900')}
            aria-current={t.id === tab ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'open' ? (
        rows.length === 0 ? (
          <EmptyState title="No refund requests waiting" description="Customers' requests to refund a package within 5 days of purchase appear here with the checks' results." />
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
                          {r.pkg ? packageDisplayName(r.pkg) : 'Package'} · {formatMoney(r.request.amount, r.request.currency as Currency)}
                        </h2>
                        <p className="text-sm text-slate-500">
                          <Link href={`/admin/accounts/${r.request.accountId}`} className="text-indigo-600 hover:underline">
                            {r.accountName}
                          </Link>{' '}
                          ({r.ownerEmail}) · {r.appName ?? 'application'} <span className="font-mono text-xs">{r.pkg?.sdkAppId}</span>
                        </p>
                        <p className="text-sm text-slate-500">
                          Requested {formatLocalSeconds(r.request.requestedAt)}
                          {r.pkg ? ` · bought ${formatLocalSeconds(r.pkg.purchasedAt)} · window until ${formatLocalSeconds(refundLastMoment(r.pkg.purchasedAt))}` : ''} (UTC+8)
                        </p>
                        {r.request.customerNote && <p className="mt-1 text-sm text-slate-700">Customer note: “{r.request.customerNote}”</p>}
                      </div>
                      <RefundStatusBadge status={r.request.status} />
                    </div>
                  </div>
                  <CardBody className="grid gap-6 lg:grid-cols-3">
                    <div>
                      <p className="mb-2 text-sm font-medium text-slate-800">Checks when requested</p>
                      {stored.requested ? <RefundChecks checks={stored.requested} compact /> : <p className="text-sm text-slate-500">Not recorded.</p>}
                    </div>
                    <div>
                      <p className="mb-2 text-sm font-medium text-slate-800">
                        Checks now{' '}
                        {now &&
                          (now.eligible ? (
                            <span className="text-emerald-700">(approval will refund)</span>
                          ) : now.pendingSettlement ? (
                            <span className="text-amber-700" data-testid="decide-after">
                              (decide after the settlement at {formatLocalSeconds(now.pendingSettlement.settlesAt)} UTC+8)
                            </span>
                          ) : (
                            <span className="text-rose-700">(approval will be refused)</span>
                          ))}
                      </p>
                      {now ? <RefundChecks checks={now.checks} compact /> : <p className="text-sm text-slate-500">The package no longer exists.</p>}
                    </div>
                    <div>
                      <RefundDecisionForm decideRefundAction={decideRefundAction} requestId={r.request.id} amountLabel={formatMoney(r.request.amount, r.request.currency as Currency)} appLabel={`${r.appName ?? 'the application'}${r.pkg ? ` (${r.pkg.sdkAppId})` : ''}`} />
                    </div>
                  </CardBody>
                </Card>
              );
            })}
            {total > rows.length && <p className="text-sm text-slate-500">Showing the oldest {rows.length} of {total}; decide these first.</p>}
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
          caption="Refund requests"
          testId="refund-history"
          empty="No requests with this status."
        />
        </div>
      )}
    </>
  );
}
