import type { Transaction } from '@/db/client';
import type { notifications } from '@/db/schema';
import { queueNoticeDeliveries } from '@/lib/deliveries/enqueue';

export type NoticeRow = typeof notifications.$inferSelect;

/**
 * Called by `notify` (lib/notices) in the same transaction, right after a notice row is
 * first written: queues one delivery per channel (email, each webhook endpoint) in the
 * delivery lane (lib/deliveries; issue 10, Delivery), sent by the worker and by test-clock
 * advances at the notice's instant, retried for three days.
 */
export async function enqueueNoticeDeliveries(tx: Transaction, notice: NoticeRow): Promise<void> {
  await queueNoticeDeliveries(tx, notice);
}
