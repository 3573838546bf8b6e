import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { NoticeListRow } from '@/lib/notices/queries';
import { formatLocalDateTime } from '@/lib/time/format';
import { cn } from '@/components/ui/cn';
import { Badge } from '@/components/ui/badge';
import { MarkNoticeReadButton } from './notice-read-buttons';
import type { FormAction } from '@/lib/actions/types';

/** A list of notices, each linking to what it is about; unread ones stand out and can be marked read. */
export function NoticeList<T>({ notices, markNoticeReadAction, testId = 'notice-list' }: { notices: (NoticeListRow & { earlier?: Date[] })[]; markNoticeReadAction?: FormAction<T>; testId?: string }) {
  const t = useTranslations('messageCenter.list');
  return (
    <ul className="divide-y divide-slate-100" data-testid={testId}>
      {notices.map((n) => {
        const unread = !n.readAt;
        return (
          <li key={n.id} className={cn('flex gap-4 px-5 py-3 text-sm', unread && 'bg-indigo-50/40')} data-testid="notice" data-kind={n.kind} data-unread={unread ? 'true' : 'false'}>
            <span aria-hidden="true" className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-indigo-600' : 'bg-transparent')} />
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2">
                {n.link ? (
                  <Link href={n.link} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline" data-stored-text>
                    {n.title}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-900" data-stored-text>{n.title}</span>
                )}
                <Badge tone="gray" className="font-mono">{n.kind}</Badge>
                {unread && <span className="sr-only">{t('unread')}</span>}
              </p>
              {/* Written once in the account's language (lib/notices/notify.ts): data-stored-text. */}
              <p className="mt-0.5 text-slate-600" data-stored-text>{n.body}</p>
              <p className="mt-0.5 text-xs text-slate-500">
                {formatLocalDateTime(n.at)} (UTC+8)
                {n.earlier?.length ? <span data-testid="notice-earlier">{t('also', { times: n.earlier.map((d) => formatLocalDateTime(d)).join(', ') })}</span> : null}
              </p>
            </div>
            {markNoticeReadAction && unread && (
              <div className="shrink-0">
                <MarkNoticeReadButton markNoticeReadAction={markNoticeReadAction} noticeId={n.id} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
