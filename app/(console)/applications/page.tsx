import Link from 'next/link';
import { db } from '@/db';
import { listApplications, type ApplicationRow } from '@/db/queries/applications';
import { requirePageUser } from '@/lib/auth/guard';
import { parseTableParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Applications' };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const sp = await searchParams;
  const params = parseTableParams(sp, { sortable: ['name', 'sdkAppId', 'createdAt'] as const, defaultSort: 'sdkAppId', defaultDir: 'asc' });
  const apps = await listApplications(db, user.accountId, { sort: params.sort, dir: params.dir });
  const columns: Column<ApplicationRow>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', render: (a) => <Link className="font-medium text-slate-900 hover:text-indigo-600" href={`/applications/${a.sdkAppId}`}>{a.name}</Link> },
    { key: 'sdk', header: 'SDKAppID', sortKey: 'sdkAppId', render: (a) => <span className="font-mono">{a.sdkAppId}</span> },
    { key: 'edition', header: 'Edition', render: (a) => <Badge tone="indigo">RTC-Engine {a.edition}</Badge> },
    { key: 'status', header: 'Status', render: (a) => (a.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>) },
    { key: 'created', header: 'Created', sortKey: 'createdAt', render: (a) => formatLocalDateTime(a.createdAt) },
  ];
  return (
    <>
      <PageHeader title="Applications" description="Each application has an SDKAppID, a secret key for the usage API, and an RTC-Engine edition." />
      {apps.length === 0 ? (
        <EmptyState title="No applications yet" description="Create an application to get an SDKAppID and a secret key." />
      ) : (
        <DataTable columns={columns} rows={apps} rowKey={(a) => a.id} searchParams={sp} sort={params.sort} dir={params.dir} testId="applications-table" />
      )}
    </>
  );
}
