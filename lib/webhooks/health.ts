import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { noticeDeliveries, webhookEndpoints } from '@/db/schema';
import { RETRY_WINDOW_MS } from '@/lib/deliveries/backoff';
import { notifyWebhookDisabled } from './disabled-notice';

/** Three days of failures (issue 10, Webhooks): the same window as a delivery's retries. */
export const DISABLE_AFTER_MS = RETRY_WINDOW_MS;

/**
 * After the queue's attempt at a notice on an endpoint: a success clears the failure
 * streak; a failure starts it (account time) or, once it has lasted three days, disables
 * the endpoint, fails its other waiting deliveries and tells the customer (a
 * `webhook.disabled` notice, by email and on the other endpoints).
 */
export async function recordEndpointHealth(tx: Transaction, endpointId: number, ok: boolean, at: Date): Promise<void> {
  if (ok) {
    await tx.update(webhookEndpoints).set({ failingSince: null, lastSuccessAt: at }).where(eq(webhookEndpoints.id, endpointId));
    return;
  }
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.status, 'enabled')))
    .returning();
  if (!endpoint?.failingSince || at.getTime() - endpoint.failingSince.getTime() < DISABLE_AFTER_MS) return;
  const [disabled] = await tx
    .update(webhookEndpoints)
    .set({ status: 'disabled', disabledAt: at, disabledReason: 'Every delivery failed for three days.' })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.status, 'enabled')))
    .returning();
  if (!disabled) return;
  await tx
    .update(noticeDeliveries)
    .set({ status: 'failed', lastError: 'the endpoint was disabled after three days of failures' })
    .where(and(eq(noticeDeliveries.endpointId, endpointId), eq(noticeDeliveries.status, 'pending')));
  await notifyWebhookDisabled(tx, { accountId: disabled.accountId, endpointId: disabled.id, url: disabled.url, failingSince: endpoint.failingSince, at });
}
