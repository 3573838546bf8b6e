import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { db } from '@/db';
import { getWebhookEndpoint, listEndpointDeliveries } from '@/db/queries/deliveries';
import { requirePageUser } from '@/lib/auth/guard';
import { formatLocalDateTime } from '@/lib/time/format';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { DeleteEndpointButton, EnableEndpointButton, ResendDeliveryButton, SendTestButton } from '@/components/settings/webhook-forms';
import { deleteWebhookEndpointAction, enableWebhookEndpointAction, resendDeliveryAction, sendWebhookTestAction } from '@/app/(console)/settings/actions';

export async function generateMetadata() {
  const t = await getTranslations('settings');
  return { title: t('log.metaTitle') };
}

const STATUSES = ['delivered', 'pending', 'sending', 'failed'] as const;
const isStatus = (s: string): s is (typeof STATUSES)[number] => (STATUSES as readonly string[]).includes(s);
const TONE: Record<string, BadgeTone> = {
  delivered: 'green',
  pending: 'yellow',
  sending: 'blue',
  failed: 'red',
};

/**
 * One endpoint's delivery log (issue 10 item 5): each delivery with its status, attempts,
 * last status code and latency, every attempt on demand, and resend. Times are the
 * account's (UTC+8), so a test clock's retries show at their own instants.
 */
export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const user = await requirePageUser('customer', { area: 'billing' });
  const { endpointId: raw } = await params;
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  const endpoint = Number.isSafeInteger(id) ? await getWebhookEndpoint(db, user.accountId, id) : undefined;
  if (!endpoint) notFound();
  const rows = await listEndpointDeliveries(db, user.accountId, endpoint.id);
  const t = await getTranslations('settings');
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href="/settings/webhooks" className="text-indigo-700 hover:text-indigo-500">
          {t('log.back')}
        </Link>
      </nav>
      <PageHeader
        title={t('log.title')}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all font-mono text-slate-700">{endpoint.url}</span>
            {endpoint.status === 'enabled' ? <Badge tone="green">{t('webhooks.enabled')}</Badge> : <Badge tone="red">{t('webhooks.disabled')}</Badge>}
          </span>
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {endpoint.status === 'disabled' && <EnableEndpointButton enableWebhookEndpointAction={enableWebhookEndpointAction} endpointId={endpoint.id} />}
            <SendTestButton sendWebhookTestAction={sendWebhookTestAction} endpointId={endpoint.id} />
            <DeleteEndpointButton deleteWebhookEndpointAction={deleteWebhookEndpointAction} endpointId={endpoint.id} url={endpoint.url} redirectTo="/settings/webhooks" />
          </div>
        }
      />
      {endpoint.status === 'disabled' && (
        <p className="mb-6 rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-800 ring-1 ring-inset ring-rose-200" role="alert">
          {endpoint.disabledReason ?? t('webhooks.disabledDot')} {endpoint.disabledAt ? t('webhooks.disabledAt', { at: formatLocalDateTime(endpoint.disabledAt) }) : ''}
          {t('log.disabledHint')}
        </p>
      )}
      {/* The grid keeps a wide table scrolling inside the card instead of widening the page. */}
      <div className="grid grid-cols-[minmax(0,1fr)]">
        <Card>
          <CardHeader title={t('log.deliveries')} description={t('log.deliveriesDescription')} />
          {rows.length === 0 ? (
            <CardBody>
              <EmptyState title={t('log.emptyTitle')} description={t('log.emptyDescription')} />
            </CardBody>
          ) : (
            <div className="relative overflow-x-auto" role="region" aria-label={t('log.deliveries')} tabIndex={0}>
              {/* relative: the header's sr-only label is absolutely positioned; it must not widen the page on a phone. */}
              <table className="min-w-full text-sm" data-testid="endpoint-deliveries">
                <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="px-5 py-2">{t('log.columns.time')}</th>
                    <th className="px-3 py-2">{t('log.columns.event')}</th>
                    <th className="px-3 py-2">{t('log.columns.status')}</th>
                    <th className="px-3 py-2 text-right">{t('log.columns.attempts')}</th>
                    <th className="px-3 py-2">{t('log.columns.lastAnswer')}</th>
                    <th className="px-3 py-2 text-right">{t('log.columns.latency')}</th>
                    <th className="px-5 py-2 text-right">
                      <span className="sr-only">{t('log.columns.resend')}</span>
                    </th>
                  </tr>
                </thead>
                {rows.map(({ d, attempts }) => (
                  <tbody key={d.id} className="border-t border-slate-100 align-top" data-testid="delivery-row">
                    <tr>
                      <td className="whitespace-nowrap px-5 pt-2 pb-1 text-slate-600">{formatLocalDateTime(d.lastAttemptAt ?? d.createdAt)}</td>
                      <td className="px-3 pt-2 pb-1">
                        <span className="font-mono text-xs text-indigo-700">{d.eventType}</span>
                        <span className="block break-all font-mono text-[11px] text-slate-500">{d.messageId}</span>
                      </td>
                      <td className="px-3 pt-2 pb-1">
                        <Badge tone={TONE[d.status] ?? 'gray'}>{isStatus(d.status) ? t(`log.status.${d.status}`) : d.status}</Badge>
                        {d.status === 'pending' && d.attempts > 0 ? <span className="block text-xs text-slate-500">{t('log.next', { at: formatLocalDateTime(d.nextAttemptAt) })}</span> : null}
                      </td>
                      <td className="px-3 pt-2 pb-1 text-right tabular-nums">{d.attempts}</td>
                      <td className="max-w-64 truncate px-3 pt-2 pb-1 text-slate-600" title={d.lastError ?? undefined}>
                        {d.lastStatusCode ?? (d.lastError ? '' : '—')}
                        {d.lastError ? `${d.lastStatusCode ? ' · ' : ''}${d.lastError}` : ''}
                      </td>
                      <td className="px-3 pt-2 pb-1 text-right tabular-nums text-slate-600">{d.lastLatencyMs === null ? '—' : t('log.ms', { ms: String(d.lastLatencyMs) })}</td>
                      <td className="px-5 pt-2 pb-1 text-right">{d.status !== 'sending' && <ResendDeliveryButton resendDeliveryAction={resendDeliveryAction} deliveryId={d.id} />}</td>
                    </tr>
                    {attempts.length > 0 && (
                      <tr>
                        <td colSpan={7} className="px-5 pb-2">
                          <details>
                            <summary className="cursor-pointer text-xs font-medium text-indigo-700">{t('log.showAttempts', { count: attempts.length })}</summary>
                            <ol className="mt-1 space-y-0.5 text-xs text-slate-600">
                              {attempts.map((a) => (
                                <li key={a.id}>
                                  #{a.attempt} {formatLocalDateTime(a.at)} (UTC+8) · {a.outcome === 'succeeded' ? t('log.ok') : t('log.failed')} · {a.statusCode ?? a.error ?? '—'}
                                  {a.statusCode && a.error ? ` ${a.error.replace(/^HTTP \d+ ?/, '')}` : ''} · {t('log.ms', { ms: String(a.latencyMs) })}
                                  {a.trigger === 'resend' ? t('log.resendMark') : ''}
                                </li>
                              ))}
                            </ol>
                          </details>
                        </td>
                      </tr>
                    )}
                  </tbody>
                ))}
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
