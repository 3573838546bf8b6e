import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { accounts } from './accounts';
import { notifications } from './system';

/**
 * Where an account's notice emails go (issue 10, Email): up to five addresses. No row =
 * the account owner's login address.
 */
export const billingContacts = pgTable(
  'billing_contacts',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** Lowercased. */
    email: text('email').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('billing_contacts_id_idx').on(t.id), primaryKey({ name: 'billing_contacts_pkey', columns: [t.accountId, t.id] }), uniqueIndex('billing_contacts_account_email_idx').on(t.accountId, t.email)],
);

/** Notice kinds an account does not want by email (account-status kinds cannot be listed here). */
export const noticeEmailOptOuts = pgTable(
  'notice_email_opt_outs',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind] })],
);

export const WEBHOOK_STATUSES = ['enabled', 'disabled'] as const;

/**
 * A customer's webhook endpoint (Standard Webhooks). The signing secret is kept
 * encrypted (AES-256-GCM, lib/webhooks/secret.ts), not hashed: HMAC signing needs the
 * secret itself on every send, unlike a login check.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    secretCiphertext: text('secret_ciphertext').notNull(),
    /** Last characters of the secret, to recognise it after it was shown once. */
    secretHint: text('secret_hint').notNull(),
    status: text('status', { enum: WEBHOOK_STATUSES }).notNull().default('enabled'),
    disabledReason: text('disabled_reason'),
    /** Account time of the first failure since the last success: three days of failures disable it. */
    failingSince: instant('failing_since'),
    lastSuccessAt: instant('last_success_at'),
    disabledAt: instant('disabled_at'),
    deletedAt: instant('deleted_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_id_idx').on(t.id), primaryKey({ name: 'webhook_endpoints_pkey', columns: [t.accountId, t.id] })],
);

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One delivery of a notice on one channel (issue 10, Delivery): the unique
 * (notification, target) index makes it exist once; the claim (`pending` → `sending`) and
 * the `delivered` mark are conditional UPDATEs, so a delivered one is never sent again.
 * Its own lane, not `jobs`: a failing delivery waiting for its retry must never hold back
 * settlement or suspension (lib/jobs/runner.ts stops an account at a failed job).
 * Retry instants (`nextAttemptAt`) are on the account's clock, so a test-clock advance
 * moves them. A webhook test event has no notification.
 */
export const noticeDeliveries = pgTable(
  'notice_deliveries',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    notificationId: bigint('notification_id', { mode: 'number' }),
    channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
    /** `email`, or `webhook:{endpointId}`: the per-channel part of the once-only key. */
    target: text('target').notNull(),
    endpointId: bigint('endpoint_id', { mode: 'number' }),
    /** The notice kind, or `webhook.test`. */
    eventType: text('event_type').notNull(),
    /** Standard Webhooks `webhook-id` / email Message-ID base: the same on every retry and resend. */
    messageId: text('message_id').notNull(),
    /** Email: `{ to: [...] }` (fixed when queued); webhook: the JSON body sent. */
    payload: jsonb('payload').notNull().default({}),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Account time the next attempt is due. */
    nextAttemptAt: instant('next_attempt_at').notNull(),
    /** Account time after which no more automatic attempts are made (queued + 3 days). */
    giveUpAt: instant('give_up_at').notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastLatencyMs: integer('last_latency_ms'),
    lastAttemptAt: instant('last_attempt_at'),
    deliveredAt: instant('delivered_at'),
    lockedBy: text('locked_by'),
    /** Real time of the claim: a `sending` row older than a few minutes belonged to a worker that died. */
    lockedAt: instant('locked_at'),
    /** Account time it was queued. */
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('notice_deliveries_id_idx').on(t.id),
    primaryKey({ name: 'notice_deliveries_pkey', columns: [t.accountId, t.id] }),
    // Keys carry the account (issue 11 item 4); a null notification or endpoint (a webhook test event, an email) is not checked.
    foreignKey({ name: 'notice_deliveries_notification_fk', columns: [t.accountId, t.notificationId], foreignColumns: [notifications.accountId, notifications.id] }),
    foreignKey({ name: 'notice_deliveries_endpoint_fk', columns: [t.accountId, t.endpointId], foreignColumns: [webhookEndpoints.accountId, webhookEndpoints.id] }),
    uniqueIndex('notice_deliveries_once_idx').on(t.accountId, t.notificationId, t.target),
    index('notice_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('notice_deliveries_endpoint_idx').on(t.endpointId, t.id).where(sql`${t.endpointId} is not null`),
  ],
);

/** Every attempt at a delivery: the delivery log (status code, latency, error). */
export const noticeDeliveryAttempts = pgTable(
  'notice_delivery_attempts',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    deliveryId: bigint('delivery_id', { mode: 'number' }).notNull(),
    accountId: uuid('account_id').notNull(),
    attempt: integer('attempt').notNull(),
    /** `auto` (the queue) or `resend` (asked for by the customer or an admin). */
    trigger: text('trigger', { enum: ['auto', 'resend'] }).notNull().default('auto'),
    outcome: text('outcome', { enum: ['succeeded', 'failed'] }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    latencyMs: integer('latency_ms').notNull(),
    /** Account time of the attempt. */
    at: instant('at').notNull(),
    /** Real time it started. */
    startedAt: instant('started_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'notice_delivery_attempts_pkey', columns: [t.accountId, t.id] }),
    foreignKey({ name: 'notice_delivery_attempts_delivery_fk', columns: [t.accountId, t.deliveryId], foreignColumns: [noticeDeliveries.accountId, noticeDeliveries.id] }),
    index('notice_delivery_attempts_delivery_idx').on(t.deliveryId, t.id),
  ],
);
