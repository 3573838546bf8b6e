import { billingRhythm, roundsPerMonth } from '@/lib/bills/book-words';
import { getPriceBook } from '@/lib/rating';
import Link from 'next/link';
import { db } from '@/db';
import { BILL_SORTS, billTotals, listBills, type BillRow } from '@/db/queries/bills';
import { BILL_KINDS } from '@/db/schema/billing';
import { billFilterQuery, parseBillFilters } from '@/lib/bills/filters';
import { Banner } from '@/components/ui/banner';
import { buttonClass } from '@/components/ui/button';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { BILL_STATUS_LABEL, billKindLabel, billPeriodLabel, billStatus } from '@/lib/bills/present';
import { formatMoney, type Currency } from '@/lib/money/format';
import { parseTableParams, withParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { localDate, previousMonthStart, startOfMonth } from '@/lib/time/local-date';
import { Badge } from '@/components/ui/badge';
import { Stat } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export const metadata = { title: 'Bills' };

/**
 * Daily and monthly bills (seed 003, Overdue: "a daily consumption bill on the next day
 * after use ... a monthly consumption bill on the 1st day of the next month"), with
 * adjustments for late usage; sortable and paged.
 */
export default async function BillsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const sp = await searchParams;
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
      header: 'Bill',
      sortKey: 'number',
      render: (b) => (
        <Link href={`/bills/${b.id}`} className="font-mono font-medium text-indigo-700 hover:text-indigo-500">
          {b.number}
        </Link>
      ),
    },
    { key: 'kind', header: 'Kind', render: (b) => <Badge tone={b.kind === 'daily' ? 'indigo' : b.kind === 'monthly' ? 'blue' : 'yellow'}>{billKindLabel(b.kind)}</Badge> },
    { key: 'period', header: 'Period', sortKey: 'period', render: (b) => billPeriodLabel(b) },
    { key: 'issued', header: 'Issued', sortKey: 'issuedAt', render: (b) => formatLocalDateTime(b.issuedAt) },
    { key: 'lines', header: 'Lines', align: 'right', render: (b) => b.lineCount },
    { key: 'amount', header: 'Amount (exact)', align: 'right', render: (b) => <span className="text-slate-500">{b.amount.toFixed()}</span> },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', render: (b) => <span className="font-semibold text-slate-900">{formatMoney(b.total, currency)}</span> },
    {
      key: 'status',
      header: 'Status',
      render: (b) => {
        const s = BILL_STATUS_LABEL[billStatus(b)];
        return (
          <span title={s.hint}>
            <Badge tone={s.tone}>{s.label}</Badge>
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
  const tabs: { label: string; value: string }[] = [{ label: 'All', value: '' }, ...BILL_KINDS.map((k) => ({ label: billKindLabel(k), value: k }))];

  return (
    <>
      <PageHeader title="Bills" description={`${billingRhythm(book)} Every line explains itself.`} />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label="Bills" value={totals.bills.toLocaleString('en-US')} />
        <Stat label="Billed this month" value={formatMoney(totals.sinceTotal, currency)} note={`bills for periods from ${monthStart}`} />
        <Stat label="Last bill issued" value={totals.lastIssued ? formatLocalDateTime(new Date(totals.lastIssued)) : '—'} note="Asia/Shanghai time" />
      </div>
      {problems.length > 0 && (
        <div className="mb-6">
          <Banner tone="warning" title="Some filters were not understood">
            {problems.join(' ')}
          </Banner>
        </div>
      )}
      <section aria-labelledby="downloads-title" className="mb-6 space-y-2 rounded-lg bg-white px-5 py-3 text-sm shadow-xs ring-1 ring-slate-200" data-testid="bill-downloads">
        <h2 id="downloads-title" className="sr-only">Downloads</h2>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium text-slate-700">
            {month ? `Bills of ${month}` : 'All bills'}
            {kind ? ` (${billKindLabel(kind).toLowerCase()})` : ''}, as listed:
          </span>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={listQuery('csv')} download data-testid="bills-csv">CSV</a>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={listQuery('xlsx')} download data-testid="bills-xlsx">Excel</a>
          <span aria-hidden="true" className="text-slate-300">|</span>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/bills/statement?month=${statementMonth}`} download data-testid="statement-pdf">
            Statement {statementMonth} (PDF)
          </a>
        </p>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="usage-detail-downloads">
          <span className="font-medium text-slate-700">Usage detail {usageMonth}, to the second:</span>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/usage/export?month=${usageMonth}&granularity=5min`} download>5-minute CSV</a>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/usage/export?month=${usageMonth}&granularity=day`} download>daily CSV</a>
          <a className="text-indigo-700 underline-offset-2 hover:underline" href={`/usage/export?month=${usageMonth}&granularity=day&format=xlsx`} download>daily Excel</a>
        </p>
      </section>
      <form method="get" action="/bills" className="mb-4 flex flex-wrap items-end gap-3" data-testid="bill-month-filter">
        {kind && <input type="hidden" name="kind" value={kind} />}
        <div className="space-y-1">
          <label htmlFor="bill-month" className="block text-sm font-medium text-slate-800">Month</label>
          <select id="bill-month" name="month" defaultValue={month ?? ''} className="block rounded-md border-0 py-1.5 pl-3 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600">
            <option value="">All months</option>
            {(month && !monthOptions.includes(month) ? [month, ...monthOptions] : monthOptions).map((m) => (
              <option key={m} value={m}>{m}</option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass('secondary')}>Show bills</button>
      </form>
      <nav className="mb-4 flex gap-2 text-sm" aria-label="Bill kind">
        {tabs.map((t) => {
          const active = (kind ?? '') === t.value;
          return (
            <Link
              key={t.label}
              href={withParams(sp, { kind: t.value || undefined, page: undefined })}
              aria-current={active ? 'page' : undefined}
              className={cn('rounded-full px-3 py-1 ring-1 ring-inset', active ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'text-slate-700 ring-slate-200 hover:bg-slate-50')}
            >
              {t.label}
            </Link>
          );
        })}
      </nav>
      {total === 0 && !kind && !month ? (
        <EmptyState title="No bills yet" description={
            roundsPerMonth(book)
              ? 'The month’s bill appears on the 1st of the next month, once the month’s usage is settled; until then the usage page shows the month so far as an estimate.'
              : 'Bills appear after each local day ends and its usage is settled: one bill a day with usage, and one on the 1st for monthly items.'
          } />
      ) : (
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(b) => b.id}
          searchParams={sp}
          params={params}
          total={total}
          empty={`No ${kind ? billKindLabel(kind).toLowerCase() : ''} bills${month ? ` for ${month}` : ''}.`}
          caption="Bills"
          testId="bills-table"
        />
      )}
    </>
  );
}
