import { index, pgTable, text, uuid, boolean, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns';

export const USER_ROLES = ['customer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * People (lifecycle.md, People). A customer owns exactly one account; an admin none.
 * A global table, not per account (issue 11 item 4; tests/schema-shard-keys.int.test.ts):
 * sign-in finds a person by email before any account is known, and admins have none. So
 * `accountId` names the account without a foreign key: a global (reference) table cannot
 * point at a table distributed by account; accounts are never deleted (reclamation keeps
 * the row), and sign-up writes both in one transaction.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(), // stored lower-cased
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull().default('customer'),
    accountId: uuid('account_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
    /** Set when the owner opened the emailed link (issue 13 item 7); null: may not buy packages yet. */
    emailVerifiedAt: instant('email_verified_at'),
    passwordChangedAt: instant('password_changed_at'),
  },
  (t) => [index('users_account_idx').on(t.accountId)],
);

export const SESSION_END_REASONS = ['sign-out', 'ended-by-user', 'password-changed', 'password-reset', 'suspended'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * Server-side sessions (issue 13 item 5, ASVS V3.3): the JWT carries only this row's id;
 * every request checks the row is still open, so sign-out, a password change or a
 * suspension for violation ends the session everywhere at once, kept cookies included.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    address: text('address').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    endedAt: instant('ended_at'),
    endReason: text('end_reason', { enum: SESSION_END_REASONS }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId, t.createdAt)],
);

export const AUTH_TOKEN_PURPOSES = ['password-reset', 'email-verification', 'invitation'] as const;
export type AuthTokenPurpose = (typeof AUTH_TOKEN_PURPOSES)[number];

/** One-time emailed links: only the SHA-256 of the token is kept; single use, expiring. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: AUTH_TOKEN_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [uniqueIndex('auth_tokens_hash_idx').on(t.tokenHash), index('auth_tokens_user_idx').on(t.userId, t.purpose)],
);

/**
 * Requests without a session that are limited per address or email: sign-ups, reset and
 * verification mails, lockout alerts sent (issue 13 items 3, 6, 7).
 */
export const authRequests = pgTable(
  'auth_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    address: text('address').notNull(),
    email: text('email').notNull().default(''),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('auth_requests_address_idx').on(t.kind, t.address, t.at), index('auth_requests_email_idx').on(t.kind, t.email, t.at)],
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
