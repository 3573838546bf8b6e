import { getLocale, getTranslations } from 'next-intl/server';
import { roundsPerMonth } from '@/lib/bills/book-words';
import { billingRhythmIn, kindLabel, statusWords } from '@/lib/bills/words';
import { getPriceBook } from '@/lib/rating';
import Link from 'next/link';
import { db } from '@/db';
import { BILL_SORTS, billTotals, listBills, type BillRow } from '@/lib/bills/queries';
import { BILL_KINDS } from '@/db/schema/billing';
import { billFilterQuery, parseBillFilters } from '@/lib/bills/filters';
import { Banner } from '@/components/ui/banner';
import { buttonClass } from '@/components/ui/button';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { BILL_STATUS_LABEL, billPeriodLabel, billStatus } from '@/lib/bills/present';
import { formatMoney, formatQuantity, type Currency } from '@/lib/money/format';
import { parseTableParams, withParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { localDate, previousMonthStart, startOfMonth } from '@/lib/time/local-date';
import { Badge } from '@/components/ui/badge';
import { Stat } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata() {
  const t = await getTranslations('bills.list');
  return { title: t('metaTitle') };
}

/**
 * Daily and monthly bills (seed 003, Overdue: "a daily consumption bill on the next day
 * after use ... a monthly consumption bill on the 1st day of the next month"), with
 * adjustments for late usage; sortable and paged.
 */
export default async function BillsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const sp = await searchParams;
  const [t, locale] = await Promise.all([getTranslations('bills.list'), getLocale()]);
  const params = parseTableParams(sp, { sortable: BILL_SORTS, defaultSort: 'period', defaultDir: 'desc', pageSize: 25 });
  const { filters, problems } = parseBillFilters(sp);
  const { kind, month } = filters;
  const currency = user.account.currency as Currency;
  const book = getPriceBook(user.account.priceBookId);
  const monthStart = startOfMonth(localDate(await accountNow(db, user.accountId)));
  const [{ rows, total }, totals] = await Promise.all([
    listBills(db, user.accountId, { kind, month, sort: params.sort, dir: params.dir, limit: params.pageSize, offset: params.offset }),
    billTotals(db, user.accountId, monthStart),
  ]);

  const columns: Column<BillRow>[] = [
    {
      key: 'number',
      header: t('colBill'),
      sortKey: 'number',
      render: (b) => (
        <Link href={`/bills/${b.id}`} className="font-mono font-medium text-indigo-700 hover:text-indigo-500">
          {b.number}
        </Link>
      ),
    },
    { key: 'kind', header: t('colKind'), render: (b) => <Badge tone={b.kind === 'daily' ? 'indigo' : b.kind === 'monthly' ? 'blue' : 'yellow'}>{kindLabel(locale, b.kind)}</Badge> },
    { key: 'period', header: t('colPeriod'), sortKey: 'period', render: (b) => billPeriodLabel(b) },
    { key: 'issued', header: t('colIssued'), sortKey: 'issuedAt', render: (b) => formatLocalDateTime(b.issuedAt) },
    { key: 'lines', header: t('colLines'), align: 'right', render: (b) => b.lineCount },
    { key: 'amount', header: t('colAmount'), align: 'right', render: (b) => <span className="text-slate-500">{b.amount.toFixed()}</span> },
    { key: 'total', header: t('colTotal'), sortKey: 'total', align: 'right', render: (b) => <span className="font-semibold text-slate-900">{formatMoney(b.total, currency, locale)}</span> },
    {
      key: 'status',
      header: t('colStatus'),
      render: (b) => {
        const status = billStatus(b);
        const s = statusWords(locale, status);
        return (
          <span title={s.hint}>
            <Badge tone={BILL_STATUS_LABEL[status].tone}>{s.label}</Badge>
          </span>
        );
      },
    },
  ];

  // The month chooser: this month and the eleven before it.
  const monthOptions: string[] = [];
  for (let m = monthStart; monthOptions.length < 12; m = previousMonthStart(m)) monthOptions.push(m.slice(0, 7));
  const statementMonth = month ?? monthStart.slice(0, 7);
  const sortQuery = { sort: params.sort, dir: params.dir };
  const listQuery = (format: string) => `/bills/export?${billFilterQuery(filters, { format, ...sortQuery })}`;
  const usageMonth = statementMonth;
  const tabs: { label: string; value: string }[] = [{ label: t('all'), value: '' }, ...BILL_KINDS.map((k) => ({ label: kindLabel(locale, k), value: k }))];
  // The filters not understood, in the reader's language (parseBillFilters names them in English for the API).
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const problemWords = [
    ...(one(sp.kind) && !kind ? [t('badKind', { kind: one(sp.kind), kinds: BILL_KINDS.join(', ') })] : []),
    ...(one(sp.month) && !month ? [t('badMonth', { month: one(sp.month) })] : []),
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description', { rhythm: billingRhythmIn(locale, book) })} />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label={t('statBills')} value={formatQuantity(totals.bills, locale)} />
        <Stat label={t('statBilledThisMonth')} value={formatMoney(totals.sinceTotal, currency, locale)} note={t('statBilledNote', { from: monthStart })} />
        <Stat label={t('statLastIssued')} value={totals.lastIssued ? formatLocalDateTime(new Date(totals.lastIssued)) : '—'} note={t('statLastIssuedNote')} />
      </div>
      {problems.length > 0 && (
        <div className="mb-6">
          <Banner tone="warning" title={t('filtersProblem')}>
            {(problemWords.length ? problemWords : problems).join(' ')}
          </Banner>
        </div>
      )}
      <section aria-labelledby="downloads-title" className="mb-6 space-y-2 rounded-lg bg-white px-5 py-3 text-sm shadow-xs ring-1 ring-slate-200" data-testid="bill-downloads">
        <h2 id="downloads-title" className="sr-only">{t('downloads')}</h2>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium text-slate-700">
            {t('asListed', { month: month ?? 'all', kind: kind ?? 'none' })}
          </span>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={listQuery('csv')} download data-testid="bills-csv">CSV</a>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={listQuery('xlsx')} download data-testid="bills-xlsx">Excel</a>
          <span aria-hidden="true" className="text-slate-300">|</span>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/bills/statement?month=${statementMonth}`} download data-testid="statement-pdf">
            {t('statement', { month: statementMonth })}
          </a>
        </p>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="usage-detail-downloads">
          <span className="font-medium text-slate-700">{t('usageDetail', { month: usageMonth })}</span>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/usage/export?month=${usageMonth}&granularity=5min`} download>{t('csv5min')}</a>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/usage/export?month=${usageMonth}&granularity=day`} download>{t('csvDaily')}</a>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/usage/export?month=${usageMonth}&granularity=day&format=xlsx`} download>{t('xlsxDaily')}</a>
        </p>
      </section>
      <form method="get" action="/bills" className="mb-4 flex flex-wrap items-end gap-3" data-testid="bill-month-filter">
        {kind && <input type="hidden" name="kind" value={kind} />}
        <div className="space-y-1">
          <label htmlFor="bill-month" className="block text-sm font-medium text-slate-800">{t('month')}</label>
          <select id="bill-month" name="month" defaultValue={month ?? ''} className="block rounded-md border-0 py-1.5 pl-3 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600">
            <option value="">{t('allMonths')}</option>
            {(month && !monthOptions.includes(month) ? [month, ...monthOptions] : monthOptions).map((m) => (
              <option key={m} value={m}>{m}</option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass('secondary')}>{t('showBills')}</button>
      </form>
      <nav className="mb-4 flex gap-2 text-sm" aria-label={t('kindNav')}>
        {tabs.map((tab) => {
          const active = (kind ?? '') === tab.value;
          return (
            <Link
              key={tab.label}
              href={withParams(sp, { kind: tab.value || undefined, page: undefined })}
              aria-current={active ? 'page' : undefined}
              className={cn('rounded-full px-3 py-1 ring-1 ring-inset', active ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'text-slate-700 ring-slate-200 hover:bg-slate-50')}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
      {total === 0 && !kind && !month ? (
        <EmptyState title={t('emptyTitle')} description={roundsPerMonth(book) ? t('emptyPerMonth') : t('emptyPerDay')} />
      ) : (
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(b) => b.id}
          searchParams={sp}
          params={params}
          total={total}
          empty={t('emptyFiltered', { kind: kind ?? 'none', month: month ?? 'all' })}
          caption={t('caption')}
          testId="bills-table"
        />
      )}
    </>
  );
}
