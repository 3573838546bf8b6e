import Link from 'next/link';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { listApplications, listUsageKeys, type ApplicationRow } from '@/db/queries/applications';
import { listCurrentPackages } from '@/db/queries/packages';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatQuantity } from '@/lib/money/format';
import { bookSellsPackages } from '@/lib/packages/catalog';
import { loadFreeMinuteStatus } from '@/lib/packages/free-minutes-status';
import { bookName, packageName } from '@/lib/packages/names';
import { BookSentence } from '@/components/packages/book-sentence';
import { getPriceBook } from '@/lib/rating';
import { parseTableParams } from '@/lib/table-params';
import { formatLocalDateTime } from '@/lib/time/format';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { CreateApplicationForm } from '@/components/applications/create-application-form';
import { ApplicationStatusBadge, EditionBadge } from '@/components/applications/application-status-badge';
import { CreateUsageKeyForm } from '@/components/applications/usage-keys';
import { UsageKeyList } from '@/components/applications/usage-key-list';
import { MAX_ACTIVE_USAGE_KEYS } from '@/lib/applications/usage-keys';
import { createApplicationAction, createUsageKeyAction, revokeUsageKeyAction } from '@/app/(console)/applications/actions';

export async function generateMetadata() {
  const t = await getTranslations('applications');
  return { title: t('list.title') };
}

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const sp = await searchParams;
  const params = parseTableParams(sp, { sortable: ['name', 'sdkAppId', 'createdAt', 'edition'] as const, defaultSort: 'sdkAppId', defaultDir: 'asc', pageSize: 25 });
  const [account, apps, current, now, usageKeys] = await Promise.all([
    getAccount(db, user.accountId),
    listApplications(db, user.accountId, { sort: params.sort, dir: params.dir }),
    listCurrentPackages(db, user.accountId),
    accountNow(db, user.accountId),
    listUsageKeys(db, user.accountId),
  ]);
  if (!account) throw new Error('account missing for signed-in customer');
  const free = await loadFreeMinuteStatus(db, account, now);
  const [t, tp, locale] = await Promise.all([getTranslations('applications'), getTranslations('packages'), getLocale()]);
  const book = getPriceBook(account.priceBookId);
  const sellsPackages = bookSellsPackages(book);
  const pageRows = apps.slice(params.offset, params.offset + params.pageSize);
  const deleted = typeof sp.deleted === 'string' ? sp.deleted : null;
  const columns: Column<ApplicationRow>[] = [
    { key: 'name', header: t('list.columns.name'), sortKey: 'name', render: (a) => <Link className="font-medium text-slate-900 hover:text-indigo-600" href={`/applications/${a.sdkAppId}`}>{a.name}</Link> },
    { key: 'sdk', header: 'SDKAppID', sortKey: 'sdkAppId', render: (a) => <span className="font-mono">{a.sdkAppId}</span> },
    // The RTC-Engine edition only matters where the Free edition stops at the free minutes' end (seed 003).
    ...(free ? [{ key: 'edition', header: t('list.columns.edition'), sortKey: 'edition' as const, render: (a: ApplicationRow) => <EditionBadge edition={a.edition} /> }] : []),
    // A book without packages (seed 001) has no package column.
    ...(sellsPackages
      ? [
          {
            key: 'packages',
            header: t('list.columns.packages'),
            render: (a: ApplicationRow) => {
              const mine = current.filter((c) => c.pkg.applicationId === a.id);
              if (mine.length === 0) return <span className="text-slate-500">{t('list.noPackages')}</span>;
              return (
                <div className="flex max-w-sm flex-wrap gap-1 whitespace-normal">
                  {mine.map(({ pkg }) => (
                    <Badge key={pkg.id} tone={pkg.status === 'active' ? 'blue' : 'gray'}>
                      {pkg.status === 'queued'
                        ? t('list.packageQueued', { name: packageName(tp, pkg) })
                        : pkg.validTo
                          ? t('list.packageTo', { name: packageName(tp, pkg), validTo: pkg.validTo })
                          : packageName(tp, pkg)}
                    </Badge>
                  ))}
                </div>
              );
            },
          } satisfies Column<ApplicationRow>,
        ]
      : []),
    { key: 'status', header: t('list.columns.status'), render: (a) => <ApplicationStatusBadge app={a} accountSuspended={account.status === 'suspended'} /> },
    { key: 'created', header: t('list.columns.created'), sortKey: 'createdAt', render: (a) => formatLocalDateTime(a.createdAt) },
  ];
  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={free ? t('list.descriptionFree') : t('list.descriptionBook')}
      />
      {deleted && (
        <div className="mb-4">
          <Banner tone="success" title={t('list.deleted', { sdkAppId: deleted })}>{t('list.deletedBody')}</Banner>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t('create.title')} description={t('create.description')} />
          <CardBody>
            <CreateApplicationForm createApplicationAction={createApplicationAction} />
          </CardBody>
        </Card>
        {free ? (
          <Card>
            <CardHeader title={t('free.title')} description={t('free.description')} />
            <CardBody>
              <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="free-minutes-left">
                {formatQuantity(free.left, locale)} <span className="text-sm font-normal text-slate-500">{t('free.ofLeft', { minutes: formatQuantity(free.minutes, locale) })}</span>
              </p>
              <p className="mt-1 text-xs text-slate-500">{t('free.cycle', { from: free.validFrom, to: free.validTo, renewsOn: free.renewsOn })}</p>
            </CardBody>
          </Card>
        ) : (
          <Card>
            <CardHeader title={t('book.title')} description={t('book.description')} />
            <CardBody>
              <p className="text-base font-semibold text-slate-900" data-testid="price-book-name">{bookName(tp, book)}</p>
              <p className="mt-1 text-xs text-slate-500"><BookSentence book={book} /></p>
            </CardBody>
          </Card>
        )}
      </div>
      <section className="mt-8 grid grid-cols-[minmax(0,1fr)]">
        {apps.length === 0 ? (
          <EmptyState title={t('list.emptyTitle')} description={t('list.emptyDescription')} />
        ) : (
          <DataTable
            columns={columns}
            rows={pageRows}
            rowKey={(a) => a.id}
            searchParams={sp}
            params={params}
            total={apps.length}
            caption={t('list.title')}
            testId="applications-table"
          />
        )}
      </section>
      {/* Issue 11: an account-level signer of the usage API, for batches spanning the applications. */}
      <section className="mt-8" data-testid="usage-keys-section">
        <Card>
          <CardHeader
            title={t('usageKeys.title')}
            description={t('usageKeys.description')}
            actions={<span className="text-xs text-slate-500">{t('usageKeys.activeCount', { active: usageKeys.filter((k) => !k.revokedAt).length, max: MAX_ACTIVE_USAGE_KEYS })}</span>}
          />
          <CardBody className="space-y-4">
            <CreateUsageKeyForm createUsageKeyAction={createUsageKeyAction} />
            <UsageKeyList keys={usageKeys} revokeUsageKeyAction={revokeUsageKeyAction} />
          </CardBody>
        </Card>
      </section>
    </>
  );
}
