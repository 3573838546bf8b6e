import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers for one send (https://www.standardwebhooks.com):
 * `webhook-id` is the same on every retry and resend of a delivery (receivers dedupe on
 * it), `webhook-timestamp` is the real time of this send in unix seconds (receivers reject
 * stale ones, so it is never a test clock's time), `webhook-signature` is `v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">`.
 */
export function signWebhook(secret: string, messageId: string, body: string, sentAt: Date): Record<string, string> {
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  const signature = new Webhook(secret).sign(messageId, new Date(timestamp * 1000), body);
  return { 'webhook-id': messageId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}
