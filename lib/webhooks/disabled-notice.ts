import type { Transaction } from '@/db/client';
import { notifications } from '@/db/schema';
import { enqueueNoticeDeliveries } from '@/lib/notices/deliveries';
import { formatLocalDateTime } from '@/lib/time/format';

/**
 * The `webhook.disabled` notice. Interim: written here in the shape `notify` writes,
 * until lib/notices/notify.ts (the only writer of notices) is on main; then this calls it.
 */
export async function notifyWebhookDisabled(tx: Transaction, e: { accountId: string; endpointId: number; url: string; failingSince: Date; at: Date }): Promise<void> {
  const [row] = await tx
    .insert(notifications)
    .values({
      accountId: e.accountId,
      kind: 'webhook.disabled',
      subject: String(e.endpointId),
      occasion: e.failingSince.toISOString(),
      title: 'Webhook endpoint disabled',
      body: `Every delivery to ${e.url} failed since ${formatLocalDateTime(e.failingSince)} (UTC+8), so the endpoint was disabled. Fix it and enable it again under Settings → Webhooks; missed notices stay in the message center.`,
      link: '/settings/webhooks',
      payload: { endpointId: String(e.endpointId), url: e.url, failingSince: e.failingSince.toISOString(), disabledAt: e.at.toISOString() },
      at: e.at,
    })
    .onConflictDoNothing({ target: [notifications.accountId, notifications.kind, notifications.subject, notifications.occasion] })
    .returning();
  if (row) await enqueueNoticeDeliveries(tx, row);
}
