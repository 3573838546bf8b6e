import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { getAccountOwner, listStatusHistory } from '@/db/queries/admin';
import { listApplications } from '@/db/queries/applications';
import { listAuditLog } from '@/db/queries/audit';
import { listPackageHistory, type PackageRow } from '@/db/queries/packages';
import { listRefundQueue } from '@/db/queries/refunds';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { loadLedgerView } from '@/lib/ledger/view';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardBody, CardHeader, Stat } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { AccountStatusBadge } from '@/components/accounts/account-status-badge';
import { ApplicationStatusBadge, EditionBadge } from '@/components/applications/application-status-badge';
import { PackageStatusBadge } from '@/components/packages/package-status-badge';
import { RefundStatusBadge } from '@/components/refunds/refund-status-badge';
import { LedgerTable } from '@/components/balance/ledger-table';
import { AdjustBalanceForm, SuspensionForm } from '@/components/admin/admin-forms';
import { adjustBalanceAction, liftSuspensionAction, suspendForViolationAction } from '../actions';
import { AccountDeliveries } from '@/components/deliveries/account-deliveries';
import { AdminAccountNotices } from '@/components/notices/admin-account-notices';
import { getLocale, getTranslations } from 'next-intl/server';
import { ACCOUNT_STATUSES, type AccountStatus } from '@/db/schema';

const isAccountStatus = (s: string): s is AccountStatus => (ACCOUNT_STATUSES as readonly string[]).includes(s);

export async function generateMetadata() {
  const t = await getTranslations('admin.account');
  return { title: t('metaTitle') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AdminAccountPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<SearchParams> }) {
  await requirePageUser('admin');
  const { accountId } = await params;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)) notFound();
  const account = await getAccount(db, accountId);
  if (!account) notFound();
  const sp = await searchParams;
  const [t, locale] = await Promise.all([getTranslations('admin.account'), getLocale()]);
  const statusWord = (s: string) => (isAccountStatus(s) ? t(`statusWords.${s}`) : s);
  const [owner, apps, pkgs, refunds, history, ledger, audit, now] = await Promise.all([
    getAccountOwner(db, accountId),
    listApplications(db, accountId),
    listPackageHistory(db, accountId, { sort: 'purchasedAt', dir: 'desc', limit: 50, offset: 0 }),
    listRefundQueue(db, { accountId, sort: 'requestedAt', dir: 'desc', limit: 20, offset: 0 }),
    listStatusHistory(db, accountId),
    loadLedgerView(db, accountId, sp, { pageSize: 20, exportParams: { accountId } }),
    listAuditLog(db, { accountId, limit: 10, offset: 0 }),
    accountNow(db, accountId),
  ]);
  const suspendedForViolation = account.status === 'suspended' && account.suspensionReason === 'violation';
  const packageColumns: Column<{ pkg: PackageRow }>[] = [
    { key: 'name', header: t('packageColumns.package'), render: ({ pkg }) => <>{packageDisplayName(pkg)} {pkg.autoRenew && <Badge tone="blue">{t('autoRenew')}</Badge>}</> },
    { key: 'sdk', header: t('packageColumns.sdkAppId'), className: 'font-mono', render: ({ pkg }) => pkg.sdkAppId },
    { key: 'validity', header: t('packageColumns.valid'), render: ({ pkg }) => (pkg.validFrom ? t('validRange', { from: pkg.validFrom, to: pkg.validTo ?? '' }) : t('queued')) },
    { key: 'used', header: t('packageColumns.used'), align: 'right', render: ({ pkg }) => `${formatQuantity(pkg.minutesUsed, locale)} / ${formatQuantity(pkg.minutes, locale)}` },
    { key: 'price', header: t('packageColumns.price'), align: 'right', render: ({ pkg }) => formatMoney(pkg.price, account.currency, locale) },
    { key: 'bought', header: t('packageColumns.bought'), render: ({ pkg }) => formatLocalDateTime(pkg.purchasedAt) },
    { key: 'status', header: t('packageColumns.status'), render: ({ pkg }) => <PackageStatusBadge status={pkg.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={account.name}
        description={
          <span>
            {owner?.email ?? t('noOwner')} · <span className="font-mono text-xs">{account.id}</span>
          </span>
        }
        actions={<AccountStatusBadge status={account.status} reason={account.suspensionReason} />}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t('balance')} value={<span data-testid="admin-balance">{formatMoney(account.balance, account.currency, locale)}</span>} tone={account.balance.isNegative() ? 'danger' : 'default'} note={t('balanceNote')} />
        <Stat label={t('status')} value={<AccountStatusBadge status={account.status} reason={account.suspensionReason} />} note={account.overdueSince ? t('overdueSince', { at: formatLocalDateTime(account.overdueSince) }) : account.suspendedAt ? t('suspendedAt', { at: formatLocalDateTime(account.suspendedAt) }) : ' '} />
        <Stat label={t('registered')} value={formatLocalDateTime(account.registeredAt).slice(0, 10)} note={`${account.currency} · ${account.priceBookId}`} />
        <Stat label={t('clock')} value={formatLocalDateTime(now).slice(11)} note={`${formatLocalDateTime(now).slice(0, 10)} (UTC+8)`} />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t('adjustTitle')} description={t('adjustDescription')} />
          <CardBody>
            {account.status === 'reclaimed' ? <p className="text-sm text-slate-600">{t('adjustReclaimed')}</p> : <AdjustBalanceForm accountId={account.id} idempotencyKey={randomUUID()} currency={account.currency} accountName={account.name} adjustBalanceAction={adjustBalanceAction} />}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title={suspendedForViolation ? t('liftTitle') : t('suspendTitle')}
            description={suspendedForViolation ? t('liftDescription') : t('suspendDescription')}
          />
          <CardBody>
            {account.status === 'reclaimed' ? (
              <p className="text-sm text-slate-600">{t('reclaimed')}</p>
            ) : (
              <SuspensionForm accountId={account.id} mode={suspendedForViolation ? 'lift' : 'suspend'} suspensionAction={suspendedForViolation ? liftSuspensionAction : suspendForViolationAction} />
            )}
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader title={t('applications', { count: apps.length })} />
        {apps.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">{t('noApplications')}</p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="admin-apps">
            {apps.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-2.5 text-sm">
                <span>
                  <span className="font-medium text-slate-900">{a.name}</span> <span className="font-mono text-xs text-slate-500">{a.sdkAppId}</span>
                </span>
                <span className="flex gap-2">
                  <EditionBadge edition={a.edition} />
                  <ApplicationStatusBadge app={a} accountSuspended={account.status === 'suspended'} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <section className="mt-6 grid grid-cols-[minmax(0,1fr)]">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">{t('packages', { count: pkgs.total })}</h2>
        {pkgs.total > pkgs.rows.length && <p className="mb-2 text-sm text-slate-500">{t('mostRecent', { count: pkgs.rows.length })}</p>}
        <DataTable columns={packageColumns} rows={pkgs.rows} rowKey={(r) => r.pkg.id} searchParams={sp} caption={t('packagesCaption')} testId="admin-packages" empty={t('noPackages')} />
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t('refunds')} actions={<Link href="/admin/refunds" className="text-sm text-indigo-600 hover:underline">{t('refundQueue')}</Link>} />
          {refunds.rows.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-500">{t('noRefunds')}</p>
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-100">
              {refunds.rows.map(({ request, pkg }) => (
                <li key={request.id} className="flex items-start justify-between gap-2 px-5 py-2.5 text-sm">
                  <span>
                    {pkg ? packageDisplayName(pkg) : t('packageFallback')} · {formatMoney(request.amount, account.currency, locale)}
                    <span className="block text-xs text-slate-500">
                      {formatLocalDateTime(request.requestedAt)}
                      {request.decisionReason ? ` · ${request.decisionReason}` : ''}
                    </span>
                  </span>
                  <RefundStatusBadge status={request.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader title={t('statusHistory')} />
          {history.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-500">{t('noStatusHistory')}</p>
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="status-history">
              {history.map(({ entry, actorEmail }) => (
                <li key={entry.id} className="px-5 py-2.5 text-sm">
                  <span className="font-medium text-slate-900">
                    {statusWord(entry.fromStatus)} → {statusWord(entry.toStatus)}
                  </span>{' '}
                  <span className="text-slate-600">{entry.reason}</span>
                  <span className="block text-xs text-slate-500">
                    {formatLocalDateTime(entry.at)} · {actorEmail ?? t('system')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      {/* The account's notices (issue 10 item 3). Their deliveries (email, webhooks) are a separate section. */}
      <AdminAccountNotices accountId={account.id} />

      <section className="mt-8 grid grid-cols-[minmax(0,1fr)]">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">{t('ledger')}</h2>
        <LedgerTable view={ledger} currency={account.currency} searchParams={sp} />
      </section>

      <AccountDeliveries accountId={account.id} />

      <Card className="mt-8">
        <CardHeader title={t('audit')} actions={<Link href={`/admin/audit?accountId=${account.id}`} className="text-sm text-indigo-600 hover:underline">{t('auditAll')}</Link>} />
        {audit.rows.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">{t('noAudit')}</p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100">
            {audit.rows.map(({ entry, actorEmail }) => (
              <li key={entry.id} className="px-5 py-2.5 text-sm">
                <span className="font-mono text-xs text-indigo-700">{entry.action}</span> <span className="text-slate-600">{t('auditBy', { actor: actorEmail ?? entry.actorRole })}</span>
                <span className="block text-xs text-slate-500">{formatLocalDateTime(entry.at)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
