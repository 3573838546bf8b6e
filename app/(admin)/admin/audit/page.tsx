import Link from 'next/link';
import { db } from '@/db';
import { listAuditLog } from '@/db/queries/audit';
import { requirePageUser } from '@/lib/auth/guard';
import { parseTableParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { Input } from '@/components/ui/field';

export const metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser('admin');
  const sp = await searchParams;
  const params = parseTableParams(sp, { sortable: ['at'] as const, defaultSort: 'at', defaultDir: 'desc', pageSize: 50 });
  const accountId = typeof sp.accountId === 'string' && /^[0-9a-f-]{36}$/i.test(sp.accountId) ? sp.accountId : undefined;
  const action = typeof sp.action === 'string' && /^[a-z_.]{1,60}$/.test(sp.action) ? sp.action : undefined;
  const { rows, total } = await listAuditLog(db, { accountId, action, limit: params.pageSize, offset: params.offset, dir: params.dir });
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { key: 'at', header: 'Time (UTC+8)', sortKey: 'at', render: (r) => formatLocalDateTime(r.entry.at) },
    { key: 'action', header: 'Action', render: (r) => <span className="font-mono text-xs text-indigo-700">{r.entry.action}</span> },
    {
      key: 'actor',
      header: 'By',
      render: (r) => (
        <span>
          <Badge tone={r.entry.actorRole === 'admin' ? 'indigo' : r.entry.actorRole === 'system' ? 'gray' : 'blue'}>{r.entry.actorRole}</Badge> {r.actorEmail ?? ''}
        </span>
      ),
    },
    {
      key: 'account',
      header: 'Account',
      render: (r) =>
        r.entry.accountId ? (
          <Link href={`/admin/accounts/${r.entry.accountId}`} className="hover:text-indigo-600">
            {r.accountName ?? r.entry.accountId}
          </Link>
        ) : (
          '—'
        ),
    },
    { key: 'target', header: 'Target', render: (r) => <span className="font-mono text-xs">{r.entry.targetType}:{r.entry.targetId.slice(0, 12)}</span> },
    {
      key: 'details',
      header: 'Details',
      render: (r) => <code className="block min-w-72 max-w-md whitespace-normal break-all text-xs text-slate-600">{JSON.stringify(r.entry.details).slice(0, 300)}</code>,
    },
  ];
  return (
    <>
      <PageHeader title="Audit log" description="Every administrator action and every automatic change of money or status, in the transaction that made it." />
      <form className="mb-4 flex flex-wrap gap-2" role="search">
        <Input name="action" placeholder="Action prefix, e.g. refund." defaultValue={action} aria-label="Action prefix" className="max-w-xs" />
        <Input name="accountId" placeholder="Account id" defaultValue={accountId} aria-label="Account id" className="max-w-sm" />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {(action || accountId) && (
          <Link href="/admin/audit" className={buttonClass('ghost')}>
            Clear
          </Link>
        )}
      </form>
      <div className="grid grid-cols-[minmax(0,1fr)]">
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.entry.id}
        searchParams={sp}
        params={params}
        total={total}
        caption="Audit log"
        testId="audit-table"
        empty={action || accountId ? 'Nothing matches these filters.' : 'Nothing logged yet. Refund decisions, balance adjustments, suspensions, renewals and expiries are recorded here.'}
      />
      </div>
    </>
  );
}
