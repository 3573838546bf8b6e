import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { noticeDeliveries, webhookEndpoints } from '@/db/schema';

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
