import type { PackageRow } from '@/db/queries/packages';
import { useLocale, useTranslations } from 'next-intl';
import { formatMoney, formatQuantity, type Currency } from '@/lib/money/format';
import { packageName } from '@/lib/packages/names';
import { formatLocalDateTime } from '@/lib/time/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { PackageSource, PackageStatusBadge } from './package-status-badge';

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
  const t = useTranslations('packages');
  const locale = useLocale();
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: t('history.columns.package'),
      render: (r) => (
        <span>
          <span className="font-medium text-slate-900">{packageName(t, r.pkg)}</span>
          <span className="block text-xs text-slate-500"><PackageSource source={r.pkg.source} /></span>
        </span>
      ),
    },
    { key: 'app', header: t('history.columns.application'), sortKey: 'sdkAppId', render: (r) => <span>{r.appName} <span className="font-mono text-xs text-slate-500">{r.pkg.sdkAppId}</span></span> },
    { key: 'validity', header: t('history.columns.valid'), sortKey: 'validTo', render: (r) => (r.pkg.validFrom ? t('history.validity', { from: r.pkg.validFrom, to: r.pkg.validTo ?? '' }) : '—') },
    { key: 'used', header: t('history.columns.used'), align: 'right', render: (r) => `${formatQuantity(r.pkg.minutesUsed, locale)} / ${formatQuantity(r.pkg.minutes, locale)}` },
    { key: 'price', header: t('history.columns.price'), sortKey: 'price', align: 'right', render: (r) => formatMoney(r.pkg.price, currency, locale) },
    { key: 'bought', header: t('history.columns.on'), sortKey: 'purchasedAt', render: (r) => formatLocalDateTime(r.pkg.purchasedAt) },
    { key: 'status', header: t('history.columns.status'), sortKey: 'status', render: (r) => <PackageStatusBadge status={r.pkg.status} /> },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.pkg.id}
      searchParams={searchParams}
      params={params}
      total={total}
      caption={t('page.all')}
      testId="package-history"
      empty={t('history.empty')}
    />
  );
}
