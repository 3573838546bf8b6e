import Link from 'next/link';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { INTL_LOCALE } from '@/lib/i18n/config';
import { columnsCookie, withParams } from '@/lib/table-params';
import { ColumnRegion } from './column-menu';
import { cn } from './cn';

export type Column<T> = {
  key: string;
  header: ReactNode;
  /** Column id accepted by the page's parseTableParams; absent = not sortable. */
  sortKey?: string;
  align?: 'left' | 'right' | 'center';
  className?: string;
  render: (row: T) => ReactNode;
  /** A total under the column (shown in a footer row when any column has one). */
  footer?: ReactNode;
  /** Name in the Columns menu when the header is not plain text. */
  label?: string;
};

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A server-rendered table whose headers sort and whose footer pages through links
 * (search params), so it works without JavaScript and the query does the work.
 * The header stays in view while the rows scroll inside their own region, and a Columns
 * menu (when the table has a testId/tableId) hides columns, remembered per table (issue 14 item 5).
 *
 * Why not TanStack Table: sorting and paging happen in the database through search params,
 * so its row models would go unused; what is left (visible columns, header cells) is a few
 * lines here, and its hook needs a client component, which cannot take the `render` functions.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  rowAttributes,
  searchParams,
  params,
  total,
  empty,
  caption,
  testId,
  tableId = testId,
  bare = false,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** data-* attributes of a row (tests and styles find rows by them). */
  rowAttributes?: (row: T) => Record<`data-${string}`, string | number>;
  searchParams: SearchParams;
  /** The page's parsed sort and paging (lib/table-params.ts parseTableParams). */
  params?: { sort?: string; dir?: 'asc' | 'desc'; page?: number; pageSize?: number };
  total?: number;
  empty?: ReactNode;
  caption?: string;
  testId?: string;
  /** Remembers the column choice under this name; defaults to testId; without both, no Columns menu. */
  tableId?: string;
  /** Inside a Card: no frame of its own. */
  bare?: boolean;
}) {
  const t = useTranslations('ui.table');
  const locale = useLocale();
  const count = (n: number) => n.toLocaleString(INTL_LOCALE[locale]);
  const { sort, dir, page, pageSize } = params ?? {};
  const alignClass = (a?: 'left' | 'right' | 'center') => (a === 'right' ? 'text-right' : a === 'center' ? 'text-center' : 'text-left');
  const pages = total !== undefined && pageSize ? Math.max(1, Math.ceil(total / pageSize)) : 1;
  // A page past the last one (an old link, a typed URL) says so and links to the last page,
  // instead of an empty table over "page 999 of 3" (issue 14 item 8).
  const pastEnd = total !== undefined && total > 0 && page !== undefined && page > pages;
  const hasFooter = columns.some((c) => c.footer !== undefined);
  const table = (
    <div className={bare ? 'border-t border-slate-200' : 'overflow-hidden rounded-lg bg-white shadow-xs ring-1 ring-slate-200'} data-testid={testId}>
      {/* A wide table scrolls inside this region, never the page (a 390 px phone, issue 14 item 5);
          focusable and named so a keyboard can scroll it and a screen reader says what it is. */}
      <div className="max-h-[75vh] overflow-auto" role="region" aria-label={caption ?? t('region')} tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          {caption && <caption className="sr-only">{caption}</caption>}
          <thead className="sticky top-0 z-10 bg-slate-50 shadow-[0_1px_0_var(--color-slate-200)]">
            <tr>
              {columns.map((c, i) => {
                const active = c.sortKey && c.sortKey === sort;
                const nextDir = active && dir === 'asc' ? 'desc' : 'asc';
                return (
                  <th
                    key={c.key}
                    data-ci={i}
                    scope="col"
                    aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    className={cn('whitespace-nowrap px-4 py-2.5 font-semibold text-slate-700', alignClass(c.align), c.className)}
                  >
                    {c.sortKey ? (
                      <Link href={withParams(searchParams, { sort: c.sortKey, dir: nextDir, page: undefined })} className="inline-flex items-center gap-1 hover:text-indigo-600">
                        {c.header}
                        <span aria-hidden="true" className={cn('text-xs', active ? 'text-indigo-600' : 'text-slate-300')}>
                          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </Link>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {pastEnd ? (
              <tr>
                <td colSpan={columns.length} className="px-4 py-10 text-center text-slate-600" data-testid="page-past-end">
                  {t('pastEnd', { page: page!, total: total!, pages })}{' '}
                  <Link className="font-medium text-indigo-700 underline hover:text-indigo-600" href={withParams(searchParams, { page: pages === 1 ? undefined : pages })}>
                    {pages === 1 ? t('goToFirst') : t('goToLast', { pages })}
                  </Link>
                </td>
              </tr>
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-4 py-10 text-center text-slate-500">
                  {empty ?? t('empty')}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={rowKey(row)} {...rowAttributes?.(row)} className="hover:bg-slate-50/60">
                  {columns.map((c, i) => (
                    <td key={c.key} data-ci={i} className={cn('whitespace-nowrap px-4 py-2.5 text-slate-700', alignClass(c.align), c.align === 'right' && 'tabular-nums', c.className)}>
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
          {hasFooter && rows.length > 0 && !pastEnd && (
            <tfoot className="bg-slate-50">
              <tr>
                {columns.map((c, i) => (
                  <td key={c.key} data-ci={i} className={cn('whitespace-nowrap px-4 py-2.5 font-semibold text-slate-900', alignClass(c.align), c.align === 'right' && 'tabular-nums', c.className)}>
                    {c.footer}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {total !== undefined && page !== undefined && pageSize !== undefined && total > 0 && !pastEnd && (
        <nav className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 bg-white px-4 py-2.5 text-sm text-slate-600" aria-label={t('pagination')}>
          <p>
            {t('range', { from: count(Math.min(total, (page - 1) * pageSize + 1)), to: count(Math.min(total, page * pageSize)), total: count(total) })}
          </p>
          <div className="flex items-center gap-2 whitespace-nowrap">
            {page > 1 ? (
              <Link className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 hover:bg-slate-50" href={withParams(searchParams, { page: page - 1 })}>
                {t('previous')}
              </Link>
            ) : (
              <span className="rounded-md px-2.5 py-1 text-slate-500 ring-1 ring-slate-200" aria-disabled="true">
                {t('previous')}
              </span>
            )}
            <span className="px-1 py-1">
              {t('pageOf', { page, pages })}
            </span>
            {page < pages ? (
              <Link className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 hover:bg-slate-50" href={withParams(searchParams, { page: page + 1 })}>
                {t('next')}
              </Link>
            ) : (
              <span className="rounded-md px-2.5 py-1 text-slate-500 ring-1 ring-slate-200" aria-disabled="true">
                {t('next')}
              </span>
            )}
          </div>
        </nav>
      )}
    </div>
  );
  if (!tableId || columns.length < 2) return table;
  return (
    <RememberedColumns tableId={tableId} inset={bare} columns={columns.map((c) => ({ key: c.key, label: c.label ?? c.header }))}>
      {table}
    </RememberedColumns>
  );
}

async function RememberedColumns({ tableId, inset, columns, children }: { tableId: string; inset: boolean; columns: { key: string; label: ReactNode }[]; children: ReactNode }) {
  const saved = (await cookies()).get(columnsCookie(tableId))?.value;
  const hidden = saved ? decodeURIComponent(saved).split(',').filter(Boolean) : [];
  return (
    <ColumnRegion tableId={tableId} inset={inset} columns={columns} initialHidden={hidden}>
      {children}
    </ColumnRegion>
  );
}
