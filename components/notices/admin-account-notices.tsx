import { db } from '@/db';
import { listNotices } from '@/lib/notices/queries';
import { formatLocalDateTime } from '@/lib/time/format';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { getTranslations } from 'next-intl/server';

/** An account's latest notices, read or not, for the admin account page (lifecycle.md, Notices; issue 10 item 3). */
export async function AdminAccountNotices({ accountId, limit = 20 }: { accountId: string; limit?: number }) {
  const [{ rows, total }, t] = await Promise.all([listNotices(db, accountId, { limit }), getTranslations('admin.notices')]);
  return (
    <Card className="mt-8">
      <CardHeader title={t('title', { count: total })} description={total > rows.length ? t('latest', { count: rows.length }) : t('all')} />
      {rows.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500">{t('empty')}</p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="admin-notices">
          {rows.map((n) => (
            <li key={n.id} className="flex items-start justify-between gap-4 px-5 py-2.5 text-sm" data-kind={n.kind}>
              <div className="min-w-0">
                <p>
                  <span className="font-mono text-xs text-indigo-700">{n.kind}</span> <span className="font-medium text-slate-900" data-stored-text>{n.title}</span>
                </p>
                <p className="text-slate-600" data-stored-text>{n.body}</p>
                <p className="text-xs text-slate-500">
                  {t('meta', { at: formatLocalDateTime(n.at), subject: n.subject || '—', occasion: n.occasion })}
                </p>
              </div>
              <Badge tone={n.readAt ? 'gray' : 'indigo'}>{n.readAt ? t('read', { at: formatLocalDateTime(n.readAt) }) : t('unread')}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
