import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';

/**
 * What the embedded SMTP capture server (lib/email/capture-server.ts, development and test
 * only) received. Kept in the database, not a file, so the Next server process, the
 * in-process worker and tests all read the same mailbox, and each e2e run's fresh
 * database starts with an empty one. Never written in production.
 */
export const capturedEmails = pgTable(
  'captured_emails',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: text('message_id'),
    /** From the `X-Account-Id` header `sendEmail` adds when the mail is about an account. */
    accountId: uuid('account_id'),
    envelopeFrom: text('envelope_from'),
    /** SMTP envelope recipients, lowercased: what `?to=` filters on. */
    envelopeTo: text('envelope_to').array().notNull(),
    from: text('from_header'),
    to: text('to_header'),
    subject: text('subject').notNull().default(''),
    text: text('text'),
    html: text('html'),
    headers: jsonb('headers').notNull().default({}),
    receivedAt: instant('received_at').notNull().defaultNow(),
  },
  (t) => [index('captured_emails_received_idx').on(t.receivedAt), index('captured_emails_account_idx').on(t.accountId, t.id)],
);
