import Link from 'next/link';
import { db } from '@/db';
import { countUnreadNotices, listNotices } from '@/db/queries/notices';
import { requirePageUser } from '@/lib/auth/guard';
import { NOTICE_GROUPS, NOTICE_GROUP_LABEL, type NoticeGroup } from '@/lib/notices/kinds';
import { parseTableParams, withParams } from '@/lib/table-params';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { NoticeList } from '@/components/notices/notice-list';
import { MarkAllNoticesReadButton } from '@/components/notices/notice-read-buttons';
import { markAllNoticesReadAction, markNoticeReadAction } from '@/app/(console)/notices/actions';

export const metadata = { title: 'Messages' };

const GROUPS = Object.keys(NOTICE_GROUPS) as NoticeGroup[];
const READ_STATES = [
  { value: '', label: 'All' },
  { value: 'unread', label: 'Unread' },
  { value: 'read', label: 'Read' },
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
  const filtered = !!group || !!read;
  const pill = (active: boolean) => cn('rounded-full px-3 py-1 ring-1 ring-inset', active ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'text-slate-700 ring-slate-200 hover:bg-slate-50');

  return (
    <>
      <PageHeader
        title="Messages"
        description="Notices about your balance, account status, packages, free minutes, refunds and bills. Each links to what it is about."
        actions={<MarkAllNoticesReadButton markAllNoticesReadAction={markAllNoticesReadAction} disabled={unread === 0} />}
      />
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3 text-sm">
        <nav className="flex flex-wrap gap-2" aria-label="Kind">
          {[{ value: '', label: 'All kinds' }, ...GROUPS.map((g) => ({ value: g, label: NOTICE_GROUP_LABEL[g] }))].map((t) => (
            <Link key={t.value || 'all'} href={withParams(sp, { kind: t.value || undefined, page: undefined })} aria-current={(group ?? '') === t.value ? 'page' : undefined} className={pill((group ?? '') === t.value)}>
              {t.label}
            </Link>
          ))}
        </nav>
        <nav className="flex flex-wrap gap-2" aria-label="Read state">
          {READ_STATES.map((t) => (
            <Link key={t.value || 'all'} href={withParams(sp, { read: t.value || undefined, page: undefined })} aria-current={(read ?? '') === t.value ? 'page' : undefined} className={pill((read ?? '') === t.value)}>
              {t.label}
              {t.value === 'unread' && unread > 0 ? ` (${unread})` : ''}
            </Link>
          ))}
        </nav>
      </div>
      {total === 0 ? (
        <EmptyState
          title={filtered ? 'No notices match these filters' : 'No notices yet'}
          description={
            filtered
              ? 'Try another kind or read state.'
              : 'You are told here when your balance goes below your alert threshold or below zero, before a suspension, when a package is 80 % and 95 % used or about to expire, and when refunds and monthly bills are decided. Set a balance alert on the Balance page.'
          }
          action={
            filtered ? (
              <Link href="/notices" className="text-sm font-medium text-indigo-700 hover:text-indigo-500">
                Show all notices
              </Link>
            ) : (
              <Link href="/balance" className="text-sm font-medium text-indigo-700 hover:text-indigo-500">
                Set a balance alert →
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
                There is no page {page}: {total} notice{total === 1 ? '' : 's'} fit on {pages} page{pages === 1 ? '' : 's'}.{' '}
                <Link className="text-indigo-700 underline hover:text-indigo-500" href={withParams(sp, { page: pages === 1 ? undefined : pages })}>
                  Go to page {pages}
                </Link>
              </span>
            ) : (
              <span>
                {total} notice{total === 1 ? '' : 's'} · page {page} of {pages}
              </span>
            )}
            <span className="flex gap-3">
              {page > 1 && page <= pages && (
                <Link className="text-indigo-700 hover:text-indigo-500" href={withParams(sp, { page: page - 1 })}>
                  ← Newer
                </Link>
              )}
              {page < pages && (
                <Link className="text-indigo-700 hover:text-indigo-500" href={withParams(sp, { page: page + 1 })}>
                  Older →
                </Link>
              )}
            </span>
          </div>
        </Card>
      )}
    </>
  );
}
