import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { ledgerDescriptionIn, ledgerKindLabel } from '@/lib/ledger/words';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Field, Input, Select } from '@/components/ui/field';
import { Button, buttonClass } from '@/components/ui/button';
import type { LedgerEntryRow } from '@/lib/ledger/queries';
import { LEDGER_KINDS } from '@/db/schema';
import { formatMoney, type Currency } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import type { LedgerView } from '@/lib/ledger/view';
import { LedgerKindBadge } from './ledger-kind-badge';

type SearchParams = Record<string, string | string[] | undefined>;

/** The ledger with its running balance, filters (GET form) and CSV export of the same selection. */
export function LedgerTable({ view, currency, searchParams }: { view: LedgerView; currency: Currency; searchParams: SearchParams }) {
  const t = useTranslations('balance.ledger');
  const locale = useLocale();
  const { rows, total, credits, debits, filters, filterErrors } = view;
  const columns: Column<LedgerEntryRow>[] = [
    { key: 'at', header: t('colTime'), sortKey: 'at', render: (e) => <span className="tabular-nums">{formatLocalDateTime(e.at)}</span> },
    { key: 'kind', header: t('colKind'), sortKey: 'kind', render: (e) => <LedgerKindBadge kind={e.kind} /> },
    { key: 'description', header: t('colDescription'), render: (e) => <div className="min-w-72 max-w-md whitespace-normal text-slate-900">{ledgerDescriptionIn(locale, e)}</div> },
    {
      key: 'reference',
      header: t('colReference'),
      render: (e) => (
        <span className="font-mono text-xs text-slate-500" title={e.reference ?? undefined}>
          {shortReference(e.reference)}
        </span>
      ),
    },
    {
      key: 'amount',
      header: t('colAmount'),
      sortKey: 'amount',
      align: 'right',
      render: (e) => <span className={e.amount.isNegative() ? 'text-rose-700' : 'text-emerald-700'}>{e.amount.isNegative() ? '' : '+'}{formatMoney(e.amount, currency, locale)}</span>,
    },
    { key: 'balance', header: t('colBalance'), align: 'right', render: (e) => <span className={e.balanceAfter.isNegative() ? 'text-rose-700' : 'text-slate-900'}>{formatMoney(e.balanceAfter, currency, locale)}</span> },
  ];
  const filtered = !!(filters.kind || filters.from || filters.to || filters.q);
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <form className="grid items-end gap-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6" role="search" aria-label={t('filter')}>
        <Field label={t('colKind')} name="kind" errors={filterErrors.kind ? [filterErrors.kind] : undefined}>
          <Select name="kind" defaultValue={filters.kind ?? ''}>
            <option value="">{t('allKinds')}</option>
            {LEDGER_KINDS.map((k) => (
              <option key={k} value={k}>
                {ledgerKindLabel(locale, k)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('from')} name="from" errors={filterErrors.from ? [filterErrors.from] : undefined}>
          <Input name="from" type="date" defaultValue={filters.from ?? ''} />
        </Field>
        <Field label={t('to')} name="to" errors={filterErrors.to ? [filterErrors.to] : undefined}>
          <Input name="to" type="date" defaultValue={filters.to ?? ''} />
        </Field>
        <div className="lg:col-span-2">
          <Field label={t('search')} name="q" errors={filterErrors.q ? [filterErrors.q] : undefined}>
            <Input name="q" placeholder={t('searchPlaceholder')} defaultValue={filters.q ?? ''} />
          </Field>
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            {t('apply')}
          </Button>
          {filtered && (
            <Link href="?" className={buttonClass('ghost')}>
              {t('clear')}
            </Link>
          )}
        </div>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <p>
          {t.rich('summary', {
            count: total,
            filtered: filtered ? 'yes' : 'no',
            credits: formatMoney(credits, currency, locale),
            debits: formatMoney(debits.abs(), currency, locale),
            c: (chunks) => <span className="font-medium text-emerald-700">{chunks}</span>,
            d: (chunks) => <span className="font-medium text-rose-700">{chunks}</span>,
          })}
        </p>
        <a href={view.exportHref} className={buttonClass('secondary')} download data-testid="ledger-export">
          {filtered ? t('exportFiltered') : t('export')}
        </a>
      </div>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(e) => e.id}
        searchParams={searchParams}
        params={view}
        total={total}
        caption={t('caption')}
        testId="ledger-table"
        empty={filtered ? t('emptyFiltered') : t('empty')}
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
