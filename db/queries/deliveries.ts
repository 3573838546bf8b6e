import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { noticeDeliveries, noticeDeliveryAttempts, webhookEndpoints } from '@/db/schema';

/** An account's notice deliveries, newest first (scoped by account id). */
export async function listAccountDeliveries(db: DbOrTx, accountId: string, limit = 50) {
  return db
    .select({ d: noticeDeliveries, url: webhookEndpoints.url })
    .from(noticeDeliveries)
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, noticeDeliveries.endpointId))
    .where(eq(noticeDeliveries.accountId, accountId))
    .orderBy(desc(noticeDeliveries.id))
    .limit(limit);
}

/** One endpoint's webhook deliveries, newest first, each with its attempts (scoped by account id). */
export async function listEndpointDeliveries(db: DbOrTx, accountId: string, endpointId: number, limit = 50) {
  const rows = await db
    .select()
    .from(noticeDeliveries)
    .where(and(eq(noticeDeliveries.accountId, accountId), eq(noticeDeliveries.endpointId, endpointId)))
    .orderBy(desc(noticeDeliveries.id))
    .limit(limit);
  const ids = rows.map((r) => r.id);
  const attempts = ids.length
    ? await db
        .select()
        .from(noticeDeliveryAttempts)
        .where(and(eq(noticeDeliveryAttempts.accountId, accountId), inArray(noticeDeliveryAttempts.deliveryId, ids)))
        .orderBy(asc(noticeDeliveryAttempts.id))
    : [];
  return rows.map((d) => ({ d, attempts: attempts.filter((a) => a.deliveryId === d.id) }));
}

/** An account's live webhook endpoint, or undefined (another account's id answers like a missing one). */
export async function getWebhookEndpoint(db: DbOrTx, accountId: string, endpointId: number) {
  const [e] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.accountId, accountId), isNull(webhookEndpoints.deletedAt)))
    .limit(1);
  return e;
}
