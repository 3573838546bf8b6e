import Link from 'next/link';
import { db } from '@/db';
import { ACTIVITY_SOURCES, listActivity, type ActivityRow, type ActivitySource } from '@/db/queries/audit';
import { requirePageUser } from '@/lib/auth/guard';
import { parseTableParams, searchTextSchema } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { formatMoney } from '@/lib/money/format';
import type { Currency } from '@/lib/money/format';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';

export const metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;

const SOURCE_LABEL: Record<ActivitySource, string> = { audit: 'Action', ledger: 'Money', status: 'Status' };

/**
 * What the page promises (issue 14 item 8): every administrator action and every automatic
 * change of money or status, with its cause: the audit log, the ledger and the account status
 * history, merged (db/queries/audit.ts listActivity).
 */
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser('admin');
  const sp = await searchParams;
  const params = parseTableParams(sp, { sortable: ['at'] as const, defaultSort: 'at', defaultDir: 'desc', pageSize: 50 });
  const accountId = typeof sp.accountId === 'string' && /^[0-9a-f-]{36}$/i.test(sp.accountId) ? sp.accountId : undefined;
  const action = typeof sp.action === 'string' && /^[a-z_.]{1,60}$/.test(sp.action) ? sp.action : undefined;
  const source = ACTIVITY_SOURCES.find((s) => s === sp.source);
  const qParsed = searchTextSchema('Account', 200).optional().safeParse(typeof sp.q === 'string' ? sp.q : undefined);
  const q = qParsed.success ? qParsed.data : undefined;
  const { rows, total } = await listActivity(db, { source, accountId, q, action, limit: params.pageSize, offset: params.offset, dir: params.dir });
  const filtered = !!(action || accountId || q || source);
  const columns: Column<ActivityRow>[] = [
    { key: 'at', header: 'Time (UTC+8)', sortKey: 'at', render: (r) => formatLocalDateTime(r.at) },
    {
      key: 'action',
      header: 'What',
      render: (r) => (
        <span className="flex items-center gap-2">
          <Badge tone={r.source === 'ledger' ? 'green' : r.source === 'status' ? 'yellow' : 'indigo'}>{SOURCE_LABEL[r.source]}</Badge>
          <span className="font-mono text-xs text-indigo-700">{r.action}</span>
        </span>
      ),
    },
    {
      key: 'actor',
      header: 'By',
      render: (r) => (
        <span>
          <Badge tone={r.actorRole === 'admin' ? 'indigo' : r.actorRole === 'system' ? 'gray' : 'blue'}>{r.actorRole === 'system' ? 'automatic' : r.actorRole}</Badge> {r.actorEmail ?? ''}
        </span>
      ),
    },
    {
      key: 'account',
      header: 'Account',
      render: (r) =>
        r.accountId ? (
          <Link href={`/admin/accounts/${r.accountId}`} className="hover:text-indigo-600">
            {r.accountName ?? r.accountId}
          </Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (r) => (r.amount && r.currency ? <span className={r.amount.isNegative() ? 'text-rose-700' : ''}>{formatMoney(r.amount, r.currency as Currency)}</span> : ''),
    },
    {
      key: 'cause',
      header: 'Cause and details',
      render: (r) => (
        <span className="block min-w-72 max-w-md whitespace-normal break-words text-xs text-slate-600">
          {r.source === 'audit' ? <code className="break-all">{r.cause.slice(0, 300)}</code> : r.cause}
          {r.target && <span className="mt-0.5 block font-mono text-slate-500">{r.target.slice(0, 60)}</span>}
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every administrator action and every automatic change of money or status, with its cause: the audit log, every ledger row and every account status change."
      />
      <form className="mb-4 flex flex-wrap gap-2" role="search">
        <Input name="q" placeholder="Account name or email" defaultValue={q} aria-label="Account name or email" className="max-w-xs" />
        <Select name="source" defaultValue={source ?? ''} aria-label="Kind of change" className="max-w-44">
          <option value="">Everything</option>
          <option value="audit">Actions (audit log)</option>
          <option value="ledger">Money (ledger)</option>
          <option value="status">Account status</option>
        </Select>
        <Input name="action" placeholder="Action prefix, e.g. refund." defaultValue={action} aria-label="Action prefix" className="max-w-xs" />
        {accountId && <input type="hidden" name="accountId" value={accountId} />}
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filtered && (
          <Link href="/admin/audit" className={buttonClass('ghost')}>
            Clear
          </Link>
        )}
      </form>
      {!qParsed.success && (
        <p role="alert" className="-mt-2 mb-4 text-sm text-rose-700">
          {qParsed.error.issues[0]?.message}
        </p>
      )}
      {accountId && (
        <p className="mb-4 text-sm text-slate-600" data-testid="audit-account-filter">
          One account only ({rows[0]?.accountName ?? accountId}).{' '}
          <Link className="text-indigo-700 underline" href="/admin/audit">
            All accounts
          </Link>
        </p>
      )}
      <div className="grid grid-cols-[minmax(0,1fr)]">
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.source}-${r.id}`}
          searchParams={sp}
          params={params}
          total={total}
          caption="Audit log"
          testId="audit-table"
          empty={filtered ? 'Nothing matches these filters.' : 'Nothing recorded yet.'}
        />
      </div>
    </>
  );
}
