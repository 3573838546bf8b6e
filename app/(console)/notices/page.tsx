import Link from 'next/link';
import { db } from '@/db';
import { countUnreadNotices, listNotices } from '@/lib/notices/queries';
import { getTranslations } from 'next-intl/server';
import { requirePageUser } from '@/lib/auth/guard';
import { NOTICE_GROUPS, type NoticeGroup } from '@/lib/notices/kinds';
import { parseTableParams, withParams } from '@/lib/table-params';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { NoticeList } from '@/components/notices/notice-list';
import { MarkAllNoticesReadButton } from '@/components/notices/notice-read-buttons';
import { markAllNoticesReadAction, markNoticeReadAction } from '@/app/(console)/notices/actions';

export async function generateMetadata() {
  const t = await getTranslations('messageCenter');
  return { title: t('title') };
}

const GROUPS = Object.keys(NOTICE_GROUPS) as NoticeGroup[];
const READ_STATES = [
  { value: '', key: 'all' },
  { value: 'unread', key: 'unread' },
  { value: 'read', key: 'read' },
] as const;

/**
 * The message center (lifecycle.md, Notices): every notice of the account, newest first,
 * filtered by kind and read state, paged; each links to what it is about. Open while the
 * account is suspended: that is when the customer most needs it.
 */
export default async function NoticesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const sp = await searchParams;
  const { page, pageSize, offset } = parseTableParams(sp, { sortable: ['at'] as const, defaultSort: 'at', pageSize: 20 });
  const groupParam = typeof sp.kind === 'string' ? sp.kind : '';
  const group = (GROUPS as string[]).includes(groupParam) ? (groupParam as NoticeGroup) : undefined;
  const read = sp.read === 'unread' || sp.read === 'read' ? sp.read : undefined;
  const [{ rows, total }, unread] = await Promise.all([
    listNotices(db, user.accountId, { group, read, limit: pageSize, offset }),
    countUnreadNotices(db, user.accountId),
  ]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const t = await getTranslations('messageCenter');
  const filtered = !!group || !!read;
  const pill = (active: boolean) => cn('rounded-full px-3 py-1 ring-1 ring-inset', active ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'text-slate-700 ring-slate-200 hover:bg-slate-50');

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={<MarkAllNoticesReadButton markAllNoticesReadAction={markAllNoticesReadAction} disabled={unread === 0} />}
      />
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3 text-sm">
        <nav className="flex flex-wrap gap-2" aria-label={t('filters.kind')}>
          {[{ value: '', label: t('filters.allKinds') }, ...GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) }))].map((f) => (
            <Link key={f.value || 'all'} href={withParams(sp, { kind: f.value || undefined, page: undefined })} aria-current={(group ?? '') === f.value ? 'page' : undefined} className={pill((group ?? '') === f.value)}>
              {f.label}
            </Link>
          ))}
        </nav>
        <nav className="flex flex-wrap gap-2" aria-label={t('filters.readState')}>
          {READ_STATES.map((f) => (
            <Link key={f.value || 'all'} href={withParams(sp, { read: f.value || undefined, page: undefined })} aria-current={(read ?? '') === f.value ? 'page' : undefined} className={pill((read ?? '') === f.value)}>
              {f.value === 'unread' && unread > 0 ? t('filters.unreadCount', { count: unread }) : t(`filters.${f.key}`)}
            </Link>
          ))}
        </nav>
      </div>
      {total === 0 ? (
        <EmptyState
          title={filtered ? t('empty.filteredTitle') : t('empty.title')}
          description={filtered ? t('empty.filtered') : t('empty.description')}
          action={
            filtered ? (
              <Link href="/notices" className="text-sm font-medium text-indigo-700 hover:text-indigo-500">
                {t('empty.showAll')}
              </Link>
            ) : (
              <Link href="/balance" className="text-sm font-medium text-indigo-700 hover:text-indigo-500">
                {t('empty.setAlert')}
              </Link>
            )
          }
        />
      ) : (
        <Card>
          <NoticeList notices={rows} markNoticeReadAction={markNoticeReadAction} />
          <div className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm text-slate-600" data-testid="notice-paging">
            {page > pages ? (
              // Past the last page: say so and link back (issue 14 item 8).
              <span data-testid="page-past-end">
                {t('paging.pastEnd', { page, total, pages })}{' '}
                <Link className="text-indigo-700 underline hover:text-indigo-500" href={withParams(sp, { page: pages === 1 ? undefined : pages })}>
                  {t('paging.goTo', { page: pages })}
                </Link>
              </span>
            ) : (
              <span>{t('paging.summary', { total, page, pages })}</span>
            )}
            <span className="flex gap-3">
              {page > 1 && page <= pages && (
                <Link className="text-indigo-700 hover:text-indigo-500" href={withParams(sp, { page: page - 1 })}>
                  {t('paging.newer')}
                </Link>
              )}
              {page < pages && (
                <Link className="text-indigo-700 hover:text-indigo-500" href={withParams(sp, { page: page + 1 })}>
                  {t('paging.older')}
                </Link>
              )}
            </span>
          </div>
        </Card>
      )}
    </>
  );
}
