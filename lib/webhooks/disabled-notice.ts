import type { Transaction } from '@/db/client';
import { notify } from '@/lib/notices/notify';

/**
 * The `webhook.disabled` notice (issue 10, Webhooks), through `notify` like every notice:
 * once per endpoint and failure streak (occasion = when the streak began).
 */
export async function notifyWebhookDisabled(tx: Transaction, e: { accountId: string; endpointId: number; url: string; failingSince: Date; at: Date }): Promise<void> {
  await notify(tx, {
    kind: 'webhook.disabled',
    accountId: e.accountId,
    subject: String(e.endpointId),
    occasion: e.failingSince.toISOString(),
    at: e.at,
    facts: { endpointId: String(e.endpointId), url: e.url, failingSince: e.failingSince.toISOString(), disabledAt: e.at.toISOString() },
  });
}
