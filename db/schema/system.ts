import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { accounts } from './accounts';

/** A per-account test clock (lifecycle.md, Time): only in development and test deployments. */
export const testClocks = pgTable('test_clocks', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id),
  now: instant('now').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Every admin action, and every automatic action on an account's money or status. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id'),
    actorUserId: uuid('actor_user_id'),
    /** `admin`, `customer` or `system`. */
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').notNull().default({}),
    at: instant('at').notNull(),
  },
  (t) => [index('audit_log_account_idx').on(t.accountId, t.id), index('audit_log_at_idx').on(t.at)],
);

/**
 * Notices to the customer (lifecycle.md, Notices): written only by `notify(tx, event)` in
 * lib/notices, in the transaction of the change that causes them, at most once per
 * (account, kind, subject, occasion): the unique index is the guarantee.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    /** What the notice is about: a package id, a bill id, an application id, or the account id. */
    subject: text('subject').notNull().default(''),
    /**
     * Which occurrence: e.g. the overdue instant, a threshold percent, a period's last day.
     * `notify` always sets it; the random default only keeps a row written another way from
     * colliding with the once-only key.
     */
    occasion: text('occasion').notNull().default(sql`gen_random_uuid()::text`),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The facts of the notice (amounts as decimal strings, instants as ISO): the webhook payload's `data`. */
    payload: jsonb('payload').notNull().default({}),
    /** Console path of what the notice is about (`/packages`, `/bills/<id>`, `/balance`). */
    link: text('link'),
    at: instant('at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [
    index('notifications_account_idx').on(t.accountId, t.id),
    uniqueIndex('notifications_once_idx').on(t.accountId, t.kind, t.subject, t.occasion),
  ],
);
