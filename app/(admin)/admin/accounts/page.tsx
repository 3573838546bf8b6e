import Link from 'next/link';
import { db } from '@/db';
import { ADMIN_ACCOUNT_SORTS, searchAccounts } from '@/db/queries/accounts';
import { requirePageUser } from '@/lib/auth/guard';
import { parseTableParams, searchTextSchema } from '@/lib/table-params';
import { formatMoney } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, type Column } from '@/components/ui/data-table';
import { AccountStatusBadge } from '@/components/accounts/account-status-badge';
import { Input, Select } from '@/components/ui/field';
import { ACCOUNT_STATUSES } from '@/db/schema';
import { Button, ButtonLink } from '@/components/ui/button';
import { getLocale, getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  const t = await getTranslations('admin.accounts');
  return { title: t('title') };
}

type Row = Awaited<ReturnType<typeof searchAccounts>>['rows'][number];

export default async function AdminAccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser('admin');
  const [t, tStatus, tAccount, locale] = await Promise.all([getTranslations('admin.accounts'), getTranslations('admin.accountStatus'), getTranslations('admin.account'), getLocale()]);
  const sp = await searchParams;
  const params = parseTableParams(sp, { sortable: ADMIN_ACCOUNT_SORTS, defaultSort: 'registeredAt', defaultDir: 'desc' });
  const qParsed = searchTextSchema('Search', 200).optional().safeParse(typeof sp.q === 'string' ? sp.q : undefined);
  const q = qParsed.success ? qParsed.data : undefined;
  const qError = qParsed.success ? null : (qParsed.error.issues[0]?.message ?? t('searchInvalid'));
  const status = ACCOUNT_STATUSES.find((s) => s === sp.status);
  const { rows, total } = await searchAccounts(db, { q, status, sort: params.sort, dir: params.dir, limit: params.pageSize, offset: params.offset });
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: t('columns.account'),
      sortKey: 'name',
      render: (r) => (
        <div>
          <Link href={`/admin/accounts/${r.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
            {r.name}
          </Link>
          <p className="text-xs text-slate-500">{r.ownerEmail}</p>
        </div>
      ),
    },
    { key: 'status', header: t('columns.status'), sortKey: 'status', render: (r) => <AccountStatusBadge status={r.status} reason={r.suspensionReason} /> },
    { key: 'book', header: t('columns.book'), render: (r) => <span className="font-mono text-xs">{r.priceBookId}</span> },
    { key: 'apps', header: t('columns.applications'), align: 'right', render: (r) => r.applicationCount },
    { key: 'balance', header: t('columns.balance'), sortKey: 'balance', align: 'right', render: (r) => <span className={r.balance.isNegative() ? 'text-rose-700' : ''}>{formatMoney(r.balance, r.currency, locale)}</span> },
    { key: 'registered', header: t('columns.registered'), sortKey: 'registeredAt', render: (r) => formatLocalDateTime(r.registeredAt) },
  ];
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={<ButtonLink href="/admin/accounts/new">{t('create')}</ButtonLink>}
      />
      <form className="mb-4 flex max-w-2xl gap-2" role="search">
        <Input name="q" placeholder={t('searchPlaceholder')} defaultValue={q} aria-label={t('searchLabel')} className="min-w-0 flex-1" />
        <Select name="status" defaultValue={status ?? ''} aria-label={t('statusLabel')} className="max-w-40 shrink-0 sm:max-w-48">
          <option value="">{t('anyStatus')}</option>
          {ACCOUNT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary" className="shrink-0 whitespace-nowrap">{t('search')}</Button>
      </form>
      {qError ? (
        <p role="alert" className="-mt-2 mb-4 text-sm text-rose-700" data-testid="accounts-search-error">
          {qError}
        </p>
      ) : null}
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        searchParams={sp}
        params={params}
        total={total}
        empty={q && status ? t('emptyQueryStatus', { q, status: tAccount(`statusWords.${status}`) }) : q ? t('emptyQuery', { q }) : status ? t('emptyStatus', { status: tAccount(`statusWords.${status}`) }) : t('empty')}
        testId="accounts-table"
      />
    </>
  );
}
