import Link from 'next/link';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { listApplications, type ApplicationRow } from '@/db/queries/applications';
import { listCurrentPackages } from '@/db/queries/packages';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { formatQuantity } from '@/lib/money/format';
import { bookSellsPackages, packageDisplayName } from '@/lib/packages/catalog';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { bookBillingSentence } from '@/lib/bills/book-words';
import { getPriceBook } from '@/lib/rating';
import { parseTableParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { CreateApplicationForm } from '@/components/applications/create-application-form';
import { ApplicationStatusBadge, EditionBadge } from '@/components/applications/application-status-badge';
import { createApplicationAction } from '@/app/(console)/applications/actions';

export const metadata = { title: 'Applications' };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const sp = await searchParams;
  const params = parseTableParams(sp, { sortable: ['name', 'sdkAppId', 'createdAt', 'edition'] as const, defaultSort: 'sdkAppId', defaultDir: 'asc', pageSize: 25 });
  const [account, apps, current, now] = await Promise.all([
    getAccount(db, user.accountId),
    listApplications(db, user.accountId, { sort: params.sort, dir: params.dir }),
    listCurrentPackages(db, user.accountId),
    accountNow(db, user.accountId),
  ]);
  if (!account) throw new Error('account missing for signed-in customer');
  const free = await loadFreeMinuteStatus(db, account, now);
  const book = getPriceBook(account.priceBookId);
  const sellsPackages = bookSellsPackages(book);
  const pageRows = apps.slice(params.offset, params.offset + params.pageSize);
  const deleted = typeof sp.deleted === 'string' ? sp.deleted : null;
  const columns: Column<ApplicationRow>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', render: (a) => <Link className="font-medium text-slate-900 hover:text-indigo-600" href={`/applications/${a.sdkAppId}`}>{a.name}</Link> },
    { key: 'sdk', header: 'SDKAppID', sortKey: 'sdkAppId', render: (a) => <span className="font-mono">{a.sdkAppId}</span> },
    // The RTC-Engine edition only matters where the Free edition stops at the free minutes' end (seed 003).
    ...(free ? [{ key: 'edition', header: 'Edition', sortKey: 'edition' as const, render: (a: ApplicationRow) => <EditionBadge edition={a.edition} /> }] : []),
    // A book without packages (seed 001) has no package column.
    ...(sellsPackages
      ? [
          {
            key: 'packages',
            header: 'Packages',
            render: (a: ApplicationRow) => {
              const mine = current.filter((c) => c.pkg.applicationId === a.id);
              if (mine.length === 0) return <span className="text-slate-500">None</span>;
              return (
                <div className="flex max-w-sm flex-wrap gap-1 whitespace-normal">
                  {mine.map(({ pkg }) => (
                    <Badge key={pkg.id} tone={pkg.status === 'active' ? 'blue' : 'gray'}>
                      {packageDisplayName(pkg)}
                      {pkg.status === 'queued' ? ' · queued' : pkg.validTo ? ` · to ${pkg.validTo}` : ''}
                    </Badge>
                  ))}
                </div>
              );
            },
          } satisfies Column<ApplicationRow>,
        ]
      : []),
    { key: 'status', header: 'Status', render: (a) => <ApplicationStatusBadge app={a} accountSuspended={account.status === 'suspended'} /> },
    { key: 'created', header: 'Created', sortKey: 'createdAt', render: (a) => formatLocalDateTime(a.createdAt) },
  ];
  return (
    <>
      <PageHeader
        title="Applications"
        description={
          free
            ? 'Each application has an SDKAppID, a secret key for the usage API, and an RTC-Engine edition (Free unless a package is active).'
            : 'Each application has an SDKAppID and a secret key for the usage API; its usage is billed on your price book.'
        }
      />
      {deleted && (
        <div className="mb-4">
          <Banner tone="success" title={`Application ${deleted} was deleted`}>Its SDKAppID will not be reused.</Banner>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Create an application" description="You get an SDKAppID and a secret key. The key is shown once." />
          <CardBody>
            <CreateApplicationForm createApplicationAction={createApplicationAction} />
          </CardBody>
        </Card>
        {free ? (
          <Card>
            <CardHeader title="Free minutes this cycle" description="10,000 a month for the whole account, used before any package." />
            <CardBody>
              <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="free-minutes-left">
                {formatQuantity(free.left)} <span className="text-sm font-normal text-slate-500">of {formatQuantity(free.minutes)} left</span>
              </p>
              <p className="mt-1 text-xs text-slate-500">
                Cycle {free.validFrom} to {free.validTo}; next grant on {free.renewsOn}. Not carried over.
              </p>
            </CardBody>
          </Card>
        ) : (
          <Card>
            <CardHeader title="Price book" description="How this account's usage is billed." />
            <CardBody>
              <p className="text-base font-semibold text-slate-900" data-testid="price-book-name">{book.name}</p>
              <p className="mt-1 text-xs text-slate-500">{bookBillingSentence(book)}</p>
            </CardBody>
          </Card>
        )}
      </div>
      <section className="mt-8 grid grid-cols-[minmax(0,1fr)]">
        {apps.length === 0 ? (
          <EmptyState title="No applications yet" description="Create your first application above to get an SDKAppID and a secret key for the usage API. Then buy a package for it or start on the Free edition." />
        ) : (
          <DataTable
            columns={columns}
            rows={pageRows}
            rowKey={(a) => a.id}
            searchParams={sp}
            params={params}
            total={apps.length}
            caption="Applications"
            testId="applications-table"
          />
        )}
      </section>
    </>
  );
}
