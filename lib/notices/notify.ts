import type { Transaction } from '@/db/client';
import { notifications } from '@/db/schema';
import { buildNotice } from './catalogue';
import { enqueueNoticeDeliveries, type NoticeRow } from './deliveries';
import type { NoticeEvent } from './kinds';

export type { NoticeRow };

/**
 * The only way any domain writes a notice (lifecycle.md, Notices): in the caller's
 * transaction, so it commits with the change that causes it, and at most once per
 * (account, kind, subject, occasion): the unique index `notifications_once_idx` is the
 * guarantee, so a retried job or a second concurrent settlement writes nothing more.
 * Returns the new row, or null when the notice already existed. Deliveries (email,
 * webhooks) are queued only for a new row.
 */
export async function notify(tx: Transaction, event: NoticeEvent): Promise<NoticeRow | null> {
  const text = buildNotice(event.kind, event.facts as never);
  const [row] = await tx
    .insert(notifications)
    .values({
      accountId: event.accountId,
      kind: event.kind,
      subject: event.subject,
      occasion: event.occasion,
      title: text.title,
      body: text.body,
      link: text.link,
      payload: event.facts,
      at: event.at,
    })
    .onConflictDoNothing({ target: [notifications.accountId, notifications.kind, notifications.subject, notifications.occasion] })
    .returning();
  if (!row) return null;
  await enqueueNoticeDeliveries(tx, row);
  return row;
}
