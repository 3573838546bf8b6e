import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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

/** Messages to the customer: overdue, suspended, renewal failed, reclaimed. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    at: instant('at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [index('notifications_account_idx').on(t.accountId, t.id)],
);
