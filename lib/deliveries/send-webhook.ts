import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { webhookEndpoints, type noticeDeliveries } from '@/db/schema';
import { decryptWebhookSecret } from '@/lib/webhooks/secret';
import { signWebhook } from '@/lib/webhooks/sign';

type Delivery = typeof noticeDeliveries.$inferSelect;
export type AttemptResult = { ok: boolean; statusCode: number | null; error: string | null; latencyMs: number };

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * One POST of a webhook delivery, signed per Standard Webhooks. Success is a 2xx answer
 * within 10 s; redirects are not followed (a 3xx is a failure: the endpoint should be the
 * final URL).
 */
export async function attemptWebhook(db: Database, delivery: Delivery): Promise<AttemptResult> {
  const started = Date.now();
  try {
    if (!delivery.endpointId) throw new Error('a webhook delivery without an endpoint');
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId)).limit(1);
    if (!endpoint || endpoint.deletedAt) return { ok: false, statusCode: null, error: 'the endpoint was deleted', latencyMs: 0 };
    const body = JSON.stringify(delivery.payload);
    const headers = signWebhook(decryptWebhookSecret(endpoint.secretCiphertext), delivery.messageId, body, new Date());
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'TRTC-Billing-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const latencyMs = Date.now() - started;
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null, latencyMs };
    return { ok: false, statusCode: res.status, error: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, latencyMs };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : e.cause?.code ? `${e.cause.code}: ${e.cause.message ?? e.message}` : (e.message ?? String(err));
    return { ok: false, statusCode: null, error: why.slice(0, 500), latencyMs: Date.now() - started };
  }
}
