import { db } from '@/db';
import { listAccountDeliveries } from '@/db/queries/deliveries';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { mailConfig } from '@/lib/email/config';
import { formatLocalDateTime } from '@/lib/time/format';
import { getTranslations } from 'next-intl/server';

const TONE: Record<string, BadgeTone> = { delivered: 'green', pending: 'yellow', sending: 'blue', failed: 'red' };

/** Admin account page: the account's email and webhook deliveries (issue 10, Delivery), apart from its notices. */
export async function AccountDeliveries({ accountId }: { accountId: string }) {
  const [rows, t] = await Promise.all([listAccountDeliveries(db, accountId), getTranslations('admin.deliveries')]);
  const statusWord = (s: string) => (s === 'delivered' || s === 'pending' || s === 'sending' || s === 'failed' ? t(`statuses.${s}`) : s);
  const mail = mailConfig();
  return (
    <Card className="mt-8">
      <CardHeader title={t('title')} description={mail.enabled ? t('email', { description: mail.description }) : undefined} />
      {!mail.enabled ? (
        <div className="px-5 pt-4">
          <Banner tone="warning" title={t('emailOff')} testId="email-off">
            {mail.reason}
          </Banner>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500">{t('empty')}</p>
        </CardBody>
      ) : (
        <div className="overflow-x-auto" role="region" aria-label={t('region')} tabIndex={0}>
          <table className="min-w-full text-sm" data-testid="deliveries">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-5 py-2">{t('columns.queued')}</th>
                <th className="px-3 py-2">{t('columns.event')}</th>
                <th className="px-3 py-2">{t('columns.channel')}</th>
                <th className="px-3 py-2">{t('columns.status')}</th>
                <th className="px-3 py-2 text-right">{t('columns.attempts')}</th>
                <th className="px-3 py-2">{t('columns.result')}</th>
                <th className="px-5 py-2 text-right">{t('columns.latency')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map(({ d, url }) => (
                <tr key={d.id}>
                  <td className="whitespace-nowrap px-5 py-2 text-slate-600">{formatLocalDateTime(d.createdAt)}</td>
                  <td className="px-3 py-2 font-mono text-xs text-indigo-700">{d.eventType}</td>
                  <td className="max-w-56 truncate px-3 py-2 text-slate-700" title={url ?? undefined}>
                    {d.channel === 'email' ? t('toEmail', { to: ((d.payload as { to?: string[] }).to ?? []).join(', ') }) : t('toWebhook', { url: url ?? d.target })}
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={TONE[d.status] ?? 'gray'}>{statusWord(d.status)}</Badge>
                    {d.status === 'pending' && d.attempts > 0 ? <span className="block text-xs text-slate-500">{t('next', { at: formatLocalDateTime(d.nextAttemptAt) })}</span> : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{d.attempts}</td>
                  <td className="max-w-72 truncate px-3 py-2 text-slate-600" title={d.lastError ?? undefined}>
                    {d.lastStatusCode ?? '—'}
                    {d.lastError ? ` · ${d.lastError}` : ''}
                  </td>
                  <td className="px-5 py-2 text-right tabular-nums text-slate-600">{d.lastLatencyMs === null ? '—' : t('latencyMs', { ms: d.lastLatencyMs })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
