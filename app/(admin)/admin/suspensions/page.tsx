import Link from 'next/link';
import { db } from '@/db';
import { listFreeExhaustedApplications, listSuspendedAccounts } from '@/db/queries/admin';
import { requirePageUser } from '@/lib/auth/guard';
import { formatMoney } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import { reclaimableAfter } from '@/lib/enforcement/timing';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { AccountStatusBadge } from '@/components/accounts/account-status-badge';
import { getLocale, getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  const t = await getTranslations('admin.suspensions');
  return { title: t('title') };
}

export default async function AdminSuspensionsPage() {
  await requirePageUser('admin');
  const [t, locale] = await Promise.all([getTranslations('admin.suspensions'), getLocale()]);
  const [accounts, apps] = await Promise.all([listSuspendedAccounts(db), listFreeExhaustedApplications(db)]);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
      />
      <section className="space-y-6">
        {accounts.length === 0 ? (
          <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <Card>
            <CardHeader title={t('accounts', { count: accounts.length })} />
            <ul className="divide-y divide-slate-100" data-testid="suspended-accounts">
              {accounts.map(({ account, ownerEmail }) => (
                <li key={account.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                  <span>
                    <Link href={`/admin/accounts/${account.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                      {account.name}
                    </Link>{' '}
                    <span className="text-slate-500">{ownerEmail}</span>
                    <span className="block text-xs text-slate-500">
                      {account.suspensionReason === 'arrears' && account.suspendedAt
                        ? t('reclaimedAfter', { at: formatLocalDateTime(account.suspendedAt), after: formatLocalDateTime(reclaimableAfter(account.suspendedAt)) })
                        : account.suspensionReason === 'violation'
                          ? t('onlyAdmin', { at: account.suspendedAt ? formatLocalDateTime(account.suspendedAt) : '—' })
                          : t('suspendedAt', { at: account.suspendedAt ? formatLocalDateTime(account.suspendedAt) : '—' })}
                    </span>
                  </span>
                  <span className="flex items-center gap-3">
                    <span className={account.balance.isNegative() ? 'tabular-nums text-rose-700' : 'tabular-nums'}>{formatMoney(account.balance, account.currency, locale)}</span>
                    <AccountStatusBadge status={account.status} reason={account.suspensionReason} />
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card>
          <CardHeader title={t('apps', { count: apps.length })} description={t('appsDescription')} />
          {apps.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500">{t('none')}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {apps.map(({ app, accountName }) => (
                <li key={app.id} className="flex justify-between px-5 py-3 text-sm">
                  <span>
                    <Link href={`/admin/accounts/${app.accountId}`} className="font-medium text-slate-900 hover:text-indigo-600">
                      {accountName}
                    </Link>{' '}
                    · {app.name} <span className="font-mono text-xs">{app.sdkAppId}</span>
                  </span>
                  <span className="text-slate-500">{t('since', { at: app.freeExhaustedAt ? formatLocalDateTime(app.freeExhaustedAt) : '—' })}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>
    </>
  );
}
