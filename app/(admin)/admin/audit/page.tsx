import Link from 'next/link';
import { ledgerDescriptionIn } from '@/lib/ledger/words';
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
import { getLocale, getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  const t = await getTranslations('admin.audit');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

const ROLES = ['admin', 'customer', 'system'] as const;

/**
 * What the page promises (issue 14 item 8): every administrator action and every automatic
 * change of money or status, with its cause: the audit log, the ledger and the account status
 * history, merged (db/queries/audit.ts listActivity).
 */
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser('admin');
  const [t, locale] = await Promise.all([getTranslations('admin.audit'), getLocale()]);
  const sourceLabel = (s: ActivitySource) => t(`sources.${s}`);
  const roleLabel = (r: string) => (ROLES.find((x) => x === r) ? t(`roles.${r as (typeof ROLES)[number]}`) : r);
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
    { key: 'at', header: t('columns.at'), sortKey: 'at', render: (r) => formatLocalDateTime(r.at) },
    {
      key: 'action',
      header: t('columns.what'),
      render: (r) => (
        <span className="flex items-center gap-2">
          <Badge tone={r.source === 'ledger' ? 'green' : r.source === 'status' ? 'yellow' : 'indigo'}>{sourceLabel(r.source)}</Badge>
          <span className="font-mono text-xs text-indigo-700">{r.action}</span>
        </span>
      ),
    },
    {
      key: 'actor',
      header: t('columns.by'),
      render: (r) => (
        <span>
          <Badge tone={r.actorRole === 'admin' ? 'indigo' : r.actorRole === 'system' ? 'gray' : 'blue'}>{roleLabel(r.actorRole)}</Badge> {r.actorEmail ?? ''}
        </span>
      ),
    },
    {
      key: 'account',
      header: t('columns.account'),
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
      header: t('columns.amount'),
      align: 'right',
      render: (r) => (r.amount && r.currency ? <span className={r.amount.isNegative() ? 'text-rose-700' : ''}>{formatMoney(r.amount, r.currency as Currency, locale)}</span> : ''),
    },
    {
      key: 'cause',
      header: t('columns.cause'),
      render: (r) => (
        <span className="block min-w-72 max-w-md whitespace-normal break-words text-xs text-slate-600">
          {r.source === 'audit' ? (
            // The audit row's details as stored (JSON, with any sentence in it as it was written then).
            <code className="break-all" data-stored-text>
              {r.cause.slice(0, 300)}
            </code>
          ) : r.source === 'ledger' ? (
            // The ledger's own words in the reader's language; an admin's reason stays as written.
            ledgerDescriptionIn(locale, { description: r.cause, descriptionKey: r.causeKey, descriptionParams: r.causeParams })
          ) : (
            // A status change's cause, stored as written when it happened.
            <span data-stored-text>{r.cause}</span>
          )}
          {r.target && <span className="mt-0.5 block font-mono text-slate-500">{r.target.slice(0, 60)}</span>}
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
      />
      <form className="mb-4 flex flex-wrap gap-2" role="search">
        <Input name="q" placeholder={t('accountSearch')} defaultValue={q} aria-label={t('accountSearch')} className="max-w-xs" />
        <Select name="source" defaultValue={source ?? ''} aria-label={t('kind')} className="max-w-44">
          <option value="">{t('everything')}</option>
          <option value="audit">{t('kindAudit')}</option>
          <option value="ledger">{t('kindLedger')}</option>
          <option value="status">{t('kindStatus')}</option>
        </Select>
        <Input name="action" placeholder={t('actionPlaceholder')} defaultValue={action} aria-label={t('actionLabel')} className="max-w-xs" />
        {accountId && <input type="hidden" name="accountId" value={accountId} />}
        <Button type="submit" variant="secondary">
          {t('filter')}
        </Button>
        {filtered && (
          <Link href="/admin/audit" className={buttonClass('ghost')}>
            {t('clear')}
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
          {t('oneAccount', { account: rows[0]?.accountName ?? accountId })}{' '}
          <Link className="text-indigo-700 underline" href="/admin/audit">
            {t('allAccounts')}
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
          caption={t('caption')}
          testId="audit-table"
          empty={filtered ? t('emptyFiltered') : t('empty')}
        />
      </div>
    </>
  );
}
