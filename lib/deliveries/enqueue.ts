import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx, Transaction } from '@/db/client';
import { billingContacts, noticeDeliveries, noticeEmailOptOuts, users, webhookEndpoints } from '@/db/schema';
import { mailConfig } from '@/lib/email/config';
import type { NoticeRow } from '@/lib/notices/deliveries';
import { emailRecipients, emailWanted } from '@/lib/notice-settings/rules';
import { giveUpAt } from './backoff';
import { noticeMessageId, noticeWebhookBody } from './payload';

/**
 * Queue a new notice's deliveries in the transaction that wrote it (issue 10, Delivery):
 * one email to the billing contacts (unless the kind is opted out; account-status kinds
 * always) when email is on, and one per enabled webhook endpoint. Each is due at the
 * notice's instant on the account's clock; `(notification, target)` is unique, so a
 * repeated call adds nothing.
 */
export async function queueNoticeDeliveries(tx: Transaction, notice: NoticeRow): Promise<number> {
  const rows: (typeof noticeDeliveries.$inferInsert)[] = [];
  const base = { accountId: notice.accountId, notificationId: notice.id, eventType: notice.kind, nextAttemptAt: notice.at, giveUpAt: giveUpAt(notice.at), createdAt: notice.at };

  if (mailConfig().enabled) {
    const optOuts = await tx.select({ kind: noticeEmailOptOuts.kind }).from(noticeEmailOptOuts).where(eq(noticeEmailOptOuts.accountId, notice.accountId));
    if (emailWanted(notice.kind, new Set(optOuts.map((o) => o.kind)))) {
      const to = await noticeRecipients(tx, notice.accountId);
      if (to.length) rows.push({ ...base, channel: 'email', target: 'email', messageId: `notice-${notice.id}`, payload: { to } });
    }
  }

  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.accountId, notice.accountId), eq(webhookEndpoints.status, 'enabled'), isNull(webhookEndpoints.deletedAt)))
    .orderBy(asc(webhookEndpoints.id));
  const body = noticeWebhookBody(notice);
  for (const e of endpoints) rows.push({ ...base, channel: 'webhook', target: `webhook:${e.id}`, endpointId: e.id, messageId: noticeMessageId(notice.id), payload: body });

  if (!rows.length) return 0;
  const inserted = await tx.insert(noticeDeliveries).values(rows).onConflictDoNothing().returning({ id: noticeDeliveries.id });
  return inserted.length;
}

/** The account's billing contacts, or its owner (first customer login) when it has none. */
export async function noticeRecipients(db: DbOrTx, accountId: string): Promise<string[]> {
  const contacts = await db.select({ email: billingContacts.email }).from(billingContacts).where(eq(billingContacts.accountId, accountId)).orderBy(asc(billingContacts.id));
  if (contacts.length) return emailRecipients(contacts.map((c) => c.email), null);
  const [owner] = await db.select({ email: users.email }).from(users).where(and(eq(users.accountId, accountId), eq(users.role, 'customer'))).orderBy(asc(users.createdAt)).limit(1);
  return emailRecipients([], owner?.email ?? null);
}
