import Link from 'next/link';
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

export const metadata = { title: 'Webhooks' };

/**
 * Webhook endpoints (lifecycle.md, Notices; issue 10 item 5): up to five, HTTPS (http only
 * outside production), each signed with its own secret per Standard Webhooks. An endpoint
 * failing for three days is disabled and can be enabled again here. Open while suspended.
 */
export default async function WebhooksPage() {
  const user = await requirePageUser('customer', { area: 'billing' });
  const endpoints = await listWebhookEndpoints(db, user.accountId);
  const full = endpoints.length >= MAX_WEBHOOK_ENDPOINTS;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Every notice is POSTed as JSON to your endpoints, signed per Standard Webhooks (verify with the standardwebhooks library and the endpoint's secret). Failed sends are retried with backoff for three days."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="h-fit min-w-0">
          <CardHeader
            title="Endpoints"
            actions={
              <span className="text-sm tabular-nums text-slate-500" data-testid="endpoint-count">
                {endpoints.length} of {MAX_WEBHOOK_ENDPOINTS}
              </span>
            }
          />
          {endpoints.length === 0 ? (
            <CardBody>
              <EmptyState
                title="No webhook endpoints"
                description="Add an endpoint to receive balance alerts, overdue and suspension warnings, package alerts and bills in your own systems as they happen."
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
                    {e.status === 'enabled' ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}
                  </div>
                  {e.description && <p className="text-sm text-slate-600">{e.description}</p>}
                  <p className="text-xs text-slate-500">
                    Secret whsec_…{e.secretHint} · added {formatLocalDateTime(e.createdAt)}
                    {e.lastSuccessAt ? ` · last success ${formatLocalDateTime(e.lastSuccessAt)}` : ''}
                    {e.status === 'enabled' && e.failingSince ? <span className="text-amber-700"> · failing since {formatLocalDateTime(e.failingSince)}</span> : null} (UTC+8)
                  </p>
                  {e.status === 'disabled' && (
                    <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-inset ring-rose-200" role="alert">
                      {e.disabledReason ?? 'Disabled.'} {e.disabledAt ? `Disabled at ${formatLocalDateTime(e.disabledAt)} (UTC+8). ` : ''}
                      Nothing is sent until you enable it again; fix the endpoint first, then send a test event.
                    </p>
                  )}
                  <div className="flex flex-wrap items-center gap-2">
                    {e.status === 'disabled' && <EnableEndpointButton enableWebhookEndpointAction={enableWebhookEndpointAction} endpointId={e.id} />}
                    <SendTestButton sendWebhookTestAction={sendWebhookTestAction} endpointId={e.id} />
                    <Link href={`/settings/webhooks/${e.id}`} className="rounded-md px-2.5 py-1.5 text-xs font-semibold text-slate-700 hover:bg-slate-100">
                      Delivery log
                    </Link>
                    <DeleteEndpointButton deleteWebhookEndpointAction={deleteWebhookEndpointAction} endpointId={e.id} url={e.url} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="h-fit">
          <CardHeader title="Add an endpoint" description="Its signing secret is shown once, right after." />
          <CardBody>
            <CreateEndpointForm createWebhookEndpointAction={createWebhookEndpointAction} full={full} httpAllowed={appEnv() !== 'production'} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
