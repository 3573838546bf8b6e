import type { Transaction } from '@/db/client';
import type { notifications } from '@/db/schema';

export type NoticeRow = typeof notifications.$inferSelect;

/**
 * Called by `notify` (lib/notices) in the same transaction, right after a notice row is
 * first written: queues one delivery per channel (email, each webhook endpoint) on the job
 * queue (lifecycle.md, Notices: delivery runs on the job queue). Placeholder until the
 * channels land: the message center needs nothing more than the row.
 */
export async function enqueueNoticeDeliveries(_tx: Transaction, _notice: NoticeRow): Promise<void> {}
