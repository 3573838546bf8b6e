import Link from 'next/link';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Field, Input, Select } from '@/components/ui/field';
import { Button, buttonClass } from '@/components/ui/button';
import { LEDGER_KIND_LABEL, type LedgerEntryRow } from '@/db/queries/ledger';
import { LEDGER_KINDS } from '@/db/schema';
import { formatMoney, type Currency } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import type { LedgerView } from '@/lib/ledger/view';
import { LedgerKindBadge } from './ledger-kind-badge';

type SearchParams = Record<string, string | string[] | undefined>;

/** The ledger with its running balance, filters (GET form) and CSV export of the same selection. */
export function LedgerTable({ view, currency, searchParams }: { view: LedgerView; currency: Currency; searchParams: SearchParams }) {
  const { rows, total, credits, debits, filters, filterErrors } = view;
  const columns: Column<LedgerEntryRow>[] = [
    { key: 'at', header: 'Time (UTC+8)', sortKey: 'at', render: (e) => <span className="tabular-nums">{formatLocalDateTime(e.at)}</span> },
    { key: 'kind', header: 'Kind', sortKey: 'kind', render: (e) => <LedgerKindBadge kind={e.kind} /> },
    { key: 'description', header: 'Description', render: (e) => <div className="min-w-72 max-w-md whitespace-normal text-slate-900">{e.description}</div> },
    {
      key: 'reference',
      header: 'Reference',
      render: (e) => (
        <span className="font-mono text-xs text-slate-500" title={e.reference ?? undefined}>
          {shortReference(e.reference)}
        </span>
      ),
    },
    {
      key: 'amount',
      header: 'Amount',
      sortKey: 'amount',
      align: 'right',
      render: (e) => <span className={e.amount.isNegative() ? 'text-rose-700' : 'text-emerald-700'}>{e.amount.isNegative() ? '' : '+'}{formatMoney(e.amount, currency)}</span>,
    },
    { key: 'balance', header: 'Balance after', align: 'right', render: (e) => <span className={e.balanceAfter.isNegative() ? 'text-rose-700' : 'text-slate-900'}>{formatMoney(e.balanceAfter, currency)}</span> },
  ];
  const filtered = !!(filters.kind || filters.from || filters.to || filters.q);
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <form className="grid items-end gap-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6" role="search" aria-label="Filter the ledger">
        <Field label="Kind" name="kind" errors={filterErrors.kind ? [filterErrors.kind] : undefined}>
          <Select name="kind" defaultValue={filters.kind ?? ''}>
            <option value="">All kinds</option>
            {LEDGER_KINDS.map((k) => (
              <option key={k} value={k}>
                {LEDGER_KIND_LABEL[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="From" name="from" errors={filterErrors.from ? [filterErrors.from] : undefined}>
          <Input name="from" type="date" defaultValue={filters.from ?? ''} />
        </Field>
        <Field label="To" name="to" errors={filterErrors.to ? [filterErrors.to] : undefined}>
          <Input name="to" type="date" defaultValue={filters.to ?? ''} />
        </Field>
        <div className="lg:col-span-2">
          <Field label="Search" name="q" errors={filterErrors.q ? [filterErrors.q] : undefined}>
            <Input name="q" placeholder="Description or reference" defaultValue={filters.q ?? ''} />
          </Field>
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          {filtered && (
            <Link href="?" className={buttonClass('ghost')}>
              Clear
            </Link>
          )}
        </div>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <p>
          {total.toLocaleString('en-US')} {total === 1 ? 'entry' : 'entries'}
          {filtered ? ' match the filters' : ''} · credits <span className="font-medium text-emerald-700">{formatMoney(credits, currency)}</span> · debits{' '}
          <span className="font-medium text-rose-700">{formatMoney(debits.abs(), currency)}</span>
        </p>
        <a href={view.exportHref} className={buttonClass('secondary')} download data-testid="ledger-export">
          Export CSV{filtered ? ' (filtered)' : ''}
        </a>
      </div>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(e) => e.id}
        searchParams={searchParams}
        params={view}
        total={total}
        caption="Ledger entries"
        testId="ledger-table"
        empty={filtered ? 'No entry matches these filters. Clear them to see the whole ledger.' : 'No ledger entries yet. Top up to pay for packages and pay-as-you-go usage.'}
      />
    </div>
  );
}

/** `package:8b0859a4-ac16-…` → `package:8b0859a4`; the full reference stays in the title and the CSV. */
function shortReference(ref: string | null): string {
  if (!ref) return '—';
  const m = /^([a-z-]+):([0-9a-f]{8})-[0-9a-f-]{27}$/i.exec(ref);
  return m ? `${m[1]}:${m[2]}` : ref;
}
