import Link from 'next/link';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { listApplications } from '@/db/queries/applications';
import { requirePageUser } from '@/lib/auth/guard';
import { formatMoney } from '@/lib/money/format';
import { PageHeader } from '@/components/ui/page-header';
import { Stat, Card, CardHeader, CardBody } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Banner } from '@/components/ui/banner';
import { ButtonLink } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';

export const metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ limited?: string }> }) {
  const user = await requirePageUser('customer');
  const { limited } = await searchParams;
  const [account, apps] = await Promise.all([getAccount(db, user.accountId), listApplications(db, user.accountId)]);
  if (!account) throw new Error('account missing for signed-in customer');
  return (
    <>
      <PageHeader title={`Welcome, ${account.name}`} description="Your applications, balance and bills at a glance." />
      {limited && (
        <div className="mb-6">
          <Banner tone="info" title="That page is unavailable while the account is suspended">
            Only billing pages (overview, bills, balance) are open until the suspension is lifted.
          </Banner>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Balance" value={formatMoney(account.balance, account.currency)} tone={account.balance.isNegative() ? 'danger' : 'default'} note={<Link className="text-indigo-600 hover:underline" href="/balance">Top up or see the ledger →</Link>} />
        <Stat label="Applications" value={apps.length} note={`${apps.filter((a) => a.enabled).length} enabled`} />
        <Stat label="Price book" value={account.currency === 'USD' ? 'TRTC 2024' : 'TRTC 2022'} note={`Billing in ${account.currency}, days in Asia/Shanghai`} />
      </div>
      <Card className="mt-6">
        <CardHeader title="Applications" description="Each SDKAppID is billed on its own and rounded per day." actions={<ButtonLink href="/applications" variant="secondary">Manage</ButtonLink>} />
        <CardBody>
          {apps.length === 0 ? (
            <EmptyState title="No applications yet" description="Create an application to get an SDKAppID and a secret key for the usage API." action={<ButtonLink href="/applications">Create an application</ButtonLink>} />
          ) : (
            <ul className="divide-y divide-slate-100">
              {apps.map((a) => (
                <li key={a.id} className="flex items-center justify-between py-2.5 text-sm">
                  <Link href={`/applications/${a.sdkAppId}`} className="font-medium text-slate-900 hover:text-indigo-600">
                    {a.name} <span className="ml-2 font-mono text-xs text-slate-500">{a.sdkAppId}</span>
                  </Link>
                  <span className="flex gap-2">
                    <Badge tone="indigo">RTC-Engine {a.edition}</Badge>
                    {a.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </>
  );
}
