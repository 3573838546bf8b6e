import type { DbOrTx } from '@/db/client';
import { LEDGER_SORTS, listLedgerEntries, parseLedgerFilters, type LedgerEntryRow, type LedgerFilters, type LedgerSort } from '@/lib/ledger/queries';
import type { Decimal } from '@/lib/money/decimal';
import { parseTableParams } from '@/lib/table-params';

type SearchParams = Record<string, string | string[] | undefined>;

export type LedgerView = {
  rows: LedgerEntryRow[];
  total: number;
  credits: Decimal;
  debits: Decimal;
  filters: LedgerFilters;
  /** Filters that did not parse, by field: dropped from the query and explained on the page. */
  filterErrors: Record<string, string>;
  sort: LedgerSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  /** The CSV export of the same selection. */
  exportHref: string;
};

/**
 * A page of an account's ledger from the page's search params (sorting, paging, filters),
 * shared by the balance page and the admin account page so both list and export alike.
 * `exportParams` are what the export needs besides the filters (an admin's `accountId`).
 */
export async function loadLedgerView(
  db: DbOrTx,
  accountId: string,
  searchParams: SearchParams,
  options: { pageSize: number; exportParams?: Record<string, string> },
): Promise<LedgerView> {
  const tp = parseTableParams(searchParams, { sortable: LEDGER_SORTS, defaultSort: 'at', defaultDir: 'desc', pageSize: options.pageSize });
  const { filters, errors } = parseLedgerFilters(searchParams);
  const ledger = await listLedgerEntries(db, accountId, filters, { sort: tp.sort, dir: tp.dir, limit: tp.pageSize, offset: tp.offset });
  const query = new URLSearchParams({ ...options.exportParams, ...Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => !!e[1])) }).toString();
  return {
    ...ledger,
    filters,
    filterErrors: errors,
    sort: tp.sort,
    dir: tp.dir,
    page: tp.page,
    pageSize: tp.pageSize,
    exportHref: `/api/ledger/export${query ? `?${query}` : ''}`,
  };
}
