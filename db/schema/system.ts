import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/**
 * The latest time an account lived at under a test clock, kept when the clock is detached
 * (lifecycle.md, Time: detaching and attaching again never moves the account's time back).
 */
export const accountClockMarks = pgTable('account_clock_marks', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id),
  latestAt: instant('latest_at').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * What an idempotency key was first used for (Stripe's rule: a key replays only the same
 * request): the action and a SHA-256 fingerprint of its parameters. A replay with other
 * parameters is refused instead of silently answering with the first result.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The scoped key, as the domain stores it (`purchase:<form key>`, `top-up:<form key>`). */
    key: text('key').notNull(),
    action: text('action').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** The parameters as first used, to name what differs in the refusal. */
    params: jsonb('params').notNull().default({}),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('idempotency_keys_uq').on(t.accountId, t.key)],
);

/** Every admin action, and every automatic action on an account's money or status. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** The account it is about; `NO_ACCOUNT_ID` for an entry about no account (issue 11 item 4). */
    accountId: uuid('account_id').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** `admin`, `customer` or `system`. */
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').notNull().default({}),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ name: 'audit_log_pkey', columns: [t.accountId, t.id] }), index('audit_log_at_idx').on(t.at)],
);

/**
 * Notices to the customer (lifecycle.md, Notices): written only by `notify(tx, event)` in
 * lib/notices, in the transaction of the change that causes them, at most once per
 * (account, kind, subject, occasion): the unique index is the guarantee.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
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
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('notifications_id_idx').on(t.id),
    primaryKey({ name: 'notifications_pkey', columns: [t.accountId, t.id] }),
    uniqueIndex('notifications_once_idx').on(t.accountId, t.kind, t.subject, t.occasion),
  ],
);
