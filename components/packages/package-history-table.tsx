import type { PackageRow } from '@/db/queries/packages';
import { formatMoney, formatQuantity, type Currency } from '@/lib/money/format';
import { packageDisplayName } from '@/lib/packages/catalog';
import { formatLocalDateTime } from '@/lib/time/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { PACKAGE_SOURCE_LABEL, PackageStatusBadge } from './package-status-badge';

type Row = { pkg: PackageRow; appName: string };

/** Every package of the account (any status), sorted and paged by the page's search params. */
export function PackageHistoryTable({
  rows,
  total,
  currency,
  searchParams,
  params,
}: {
  rows: Row[];
  total: number;
  currency: Currency;
  searchParams: Record<string, string | string[] | undefined>;
  params: { sort?: string; dir?: 'asc' | 'desc'; page?: number; pageSize?: number };
}) {
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: 'Package',
      render: (r) => (
        <span>
          <span className="font-medium text-slate-900">{packageDisplayName(r.pkg)}</span>
          <span className="block text-xs text-slate-500">{PACKAGE_SOURCE_LABEL[r.pkg.source]}</span>
        </span>
      ),
    },
    { key: 'app', header: 'Application', sortKey: 'sdkAppId', render: (r) => <span>{r.appName} <span className="font-mono text-xs text-slate-500">{r.pkg.sdkAppId}</span></span> },
    { key: 'validity', header: 'Valid', sortKey: 'validTo', render: (r) => (r.pkg.validFrom ? `${r.pkg.validFrom} to ${r.pkg.validTo}` : '—') },
    { key: 'used', header: 'Minutes used', align: 'right', render: (r) => `${formatQuantity(r.pkg.minutesUsed)} / ${formatQuantity(r.pkg.minutes)}` },
    { key: 'price', header: 'Price', sortKey: 'price', align: 'right', render: (r) => formatMoney(r.pkg.price, currency) },
    { key: 'bought', header: 'On', sortKey: 'purchasedAt', render: (r) => formatLocalDateTime(r.pkg.purchasedAt) },
    { key: 'status', header: 'Status', sortKey: 'status', render: (r) => <PackageStatusBadge status={r.pkg.status} /> },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.pkg.id}
      searchParams={searchParams}
      params={params}
      total={total}
      caption="All packages"
      testId="package-history"
      empty="No packages yet. Bought, renewed, expired and refunded packages are listed here."
    />
  );
}
