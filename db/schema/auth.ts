import { index, pgTable, text, uuid, boolean } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { accounts } from './accounts';

export const USER_ROLES = ['customer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** People (lifecycle.md, People). A customer owns exactly one account; an admin none. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(), // stored lower-cased
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull().default('customer'),
    accountId: uuid('account_id').references(() => accounts.id),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('users_account_idx').on(t.accountId)],
);

/** Sign-in attempts, for rate limiting per email and per client address. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    address: text('address').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('sign_in_attempts_email_idx').on(t.email, t.at), index('sign_in_attempts_address_idx').on(t.address, t.at)],
);
