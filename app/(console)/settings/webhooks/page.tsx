import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { db } from '@/db';
import { requirePageUser } from '@/lib/auth/guard';
import { appEnv } from '@/lib/clock';
import { MAX_WEBHOOK_ENDPOINTS } from '@/lib/webhooks/rules';
import { listWebhookEndpoints } from '@/lib/webhooks/service';
import { formatLocalDateTime } from '@/lib/time/format';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { CreateEndpointForm, DeleteEndpointButton, EnableEndpointButton, SendTestButton } from '@/components/settings/webhook-forms';
import { createWebhookEndpointAction, deleteWebhookEndpointAction, enableWebhookEndpointAction, sendWebhookTestAction } from '@/app/(console)/settings/actions';

export async function generateMetadata() {
  const t = await getTranslations('settings');
  return { title: t('webhooks.title') };
}

/**
 * Webhook endpoints (lifecycle.md, Notices; issue 10 item 5): up to five, HTTPS (http only
 * outside production), each signed with its own secret per Standard Webhooks. An endpoint
 * failing for three days is disabled and can be enabled again here. Open while suspended.
 */
export default async function WebhooksPage() {
  const user = await requirePageUser('customer', { area: 'billing' });
  const endpoints = await listWebhookEndpoints(db, user.accountId);
  const full = endpoints.length >= MAX_WEBHOOK_ENDPOINTS;
  const t = await getTranslations('settings.webhooks');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="h-fit min-w-0">
          <CardHeader
            title={t('endpoints')}
            actions={
              <span className="text-sm tabular-nums text-slate-500" data-testid="endpoint-count">
                {t('count', { count: endpoints.length, max: MAX_WEBHOOK_ENDPOINTS })}
              </span>
            }
          />
          {endpoints.length === 0 ? (
            <CardBody>
              <EmptyState
                title={t('emptyTitle')}
                description={t('emptyDescription')}
              />
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="endpoints">
              {endpoints.map((e) => (
                <li key={e.id} className="space-y-2 px-5 py-4" data-testid={`endpoint-${e.id}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/settings/webhooks/${e.id}`} className="min-w-0 break-all font-mono text-sm font-medium text-indigo-700 hover:text-indigo-500">
                      {e.url}
                    </Link>
                    {e.status === 'enabled' ? <Badge tone="green">{t('enabled')}</Badge> : <Badge tone="red">{t('disabled')}</Badge>}
                  </div>
                  {e.description && <p className="text-sm text-slate-600">{e.description}</p>}
                  <p className="text-xs text-slate-500">
                    {t('meta', { hint: e.secretHint, added: formatLocalDateTime(e.createdAt) })}
                    {e.lastSuccessAt ? t('lastSuccess', { at: formatLocalDateTime(e.lastSuccessAt) }) : ''}
                    {e.status === 'enabled' && e.failingSince ? <span className="text-amber-700">{t('failingSince', { at: formatLocalDateTime(e.failingSince) })}</span> : null}
                    {t('utc8')}
                  </p>
                  {e.status === 'disabled' && (
                    <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-inset ring-rose-200" role="alert">
                      {e.disabledReason ?? t('disabledDot')} {e.disabledAt ? t('disabledAt', { at: formatLocalDateTime(e.disabledAt) }) : ''}
                      {t('disabledHint')}
                    </p>
                  )}
                  <div className="flex flex-wrap items-center gap-2">
                    {e.status === 'disabled' && <EnableEndpointButton enableWebhookEndpointAction={enableWebhookEndpointAction} endpointId={e.id} />}
                    <SendTestButton sendWebhookTestAction={sendWebhookTestAction} endpointId={e.id} />
                    <Link href={`/settings/webhooks/${e.id}`} className="rounded-md px-2.5 py-1.5 text-xs font-semibold text-slate-700 hover:bg-slate-100">
                      {t('deliveryLog')}
                    </Link>
                    <DeleteEndpointButton deleteWebhookEndpointAction={deleteWebhookEndpointAction} endpointId={e.id} url={e.url} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="h-fit">
          <CardHeader title={t('addTitle')} description={t('addDescription')} />
          <CardBody>
            <CreateEndpointForm createWebhookEndpointAction={createWebhookEndpointAction} full={full} httpAllowed={appEnv() !== 'production'} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
