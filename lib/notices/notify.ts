import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { accounts, notifications } from '@/db/schema';
import { accountLocale } from '@/lib/i18n/config';
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
 *
 * Language (issue 14 item 4): the title and body are written once, at creation, in the
 * account's language (`accountLocale`: its saved choice, else Chinese for CNY), and stay as
 * written, like the email made from them; notices written before keep their text. The facts
 * stay machine data in `payload` (the webhook's `data.facts`).
 */
export async function notify(tx: Transaction, event: NoticeEvent): Promise<NoticeRow | null> {
  const [account] = await tx.select({ locale: accounts.locale, currency: accounts.currency }).from(accounts).where(eq(accounts.id, event.accountId)).limit(1);
  const text = buildNotice(event.kind, event.facts as never, account ? accountLocale(account) : 'en');
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
