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

export const metadata = { title: 'Suspensions' };

export default async function AdminSuspensionsPage() {
  await requirePageUser('admin');
  const [accounts, apps] = await Promise.all([listSuspendedAccounts(db), listFreeExhaustedApplications(db)]);
  return (
    <>
      <PageHeader
        title="Suspensions"
        description="Accounts suspended for arrears (lifted by a top-up; reclaimed after 60 days) or for a violation (lifted only by an admin), and Free-edition applications that used up the month's free minutes."
      />
      <section className="space-y-6">
        {accounts.length === 0 ? (
          <EmptyState title="No suspended accounts" description="Accounts suspended for arrears or by an administrator appear here. Suspend for a violation from an account's page." />
        ) : (
          <Card>
            <CardHeader title={`Suspended accounts (${accounts.length})`} />
            <ul className="divide-y divide-slate-100" data-testid="suspended-accounts">
              {accounts.map(({ account, ownerEmail }) => (
                <li key={account.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                  <span>
                    <Link href={`/admin/accounts/${account.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                      {account.name}
                    </Link>{' '}
                    <span className="text-slate-500">{ownerEmail}</span>
                    <span className="block text-xs text-slate-500">
                      Suspended {account.suspendedAt ? formatLocalDateTime(account.suspendedAt) : '—'}
                      {account.suspensionReason === 'arrears' && account.suspendedAt
                        ? ` · reclaimed after ${formatLocalDateTime(reclaimableAfter(account.suspendedAt))} unless topped up`
                        : account.suspensionReason === 'violation'
                          ? ' · lifted only by an administrator'
                          : ''}
                    </span>
                  </span>
                  <span className="flex items-center gap-3">
                    <span className={account.balance.isNegative() ? 'tabular-nums text-rose-700' : 'tabular-nums'}>{formatMoney(account.balance, account.currency)}</span>
                    <AccountStatusBadge status={account.status} reason={account.suspensionReason} />
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card>
          <CardHeader title={`Applications out of free minutes (${apps.length})`} description="On the Free edition; they resume with a paid package or the next month's free minutes." />
          {apps.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500">None.</p>
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
                  <span className="text-slate-500">since {app.freeExhaustedAt ? formatLocalDateTime(app.freeExhaustedAt) : '—'}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>
    </>
  );
}
