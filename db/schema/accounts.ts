import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { decimal, instant } from './columns';
import { LOCALES } from './locales';

export const CURRENCIES = ['USD', 'CNY'] as const;

/**
 * The account id of rows that belong to no customer account (issue 11 item 4: every tenant
 * table's `account_id` is NOT NULL, the distribution column when sharded): the jobs of the
 * maintenance lane (lib/jobs/system-lane.ts) and audit entries about no account. No account
 * has it (accounts get random v4 uuids).
 */
export const NO_ACCOUNT_ID = '00000000-0000-0000-0000-000000000000';
export const ACCOUNT_STATUSES = ['active', 'overdue', 'suspended', 'reclaimed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
/** Why an account is suspended (lifecycle.md, Account): arrears lift on top-up; violation only by an admin. */
export const SUSPENSION_REASONS = ['arrears', 'violation'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/**
 * A customer's account. `balance` is a cache of the ledger sum, updated in the same
 * transaction as every ledger row (lifecycle.md, Account: "a stored balance must always equal it").
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    currency: text('currency', { enum: CURRENCIES }).notNull(),
    priceBookId: text('price_book_id').notNull(),
    registeredAt: instant('registered_at').notNull(),
    status: text('status', { enum: ACCOUNT_STATUSES }).notNull().default('active'),
    suspensionReason: text('suspension_reason', { enum: SUSPENSION_REASONS }),
    overdueSince: instant('overdue_since'),
    suspendedAt: instant('suspended_at'),
    reclaimedAt: instant('reclaimed_at'),
    balance: decimal('balance').notNull().default(sql`0`),
    /** Counter for bill numbers (never count + 1). */
    billSeq: integer('bill_seq').notNull().default(0),
    /**
     * Whether the account receives the monthly 10,000 free minutes (seed 003 · Free Minutes).
     * Decision: only books with a free-minute ratio table grant them (seeds 000 and 001 have
     * none); a test customer may be created without them to reproduce a case that has none.
     */
    monthlyFreeMinutes: boolean('monthly_free_minutes').notNull().default(true),
    /**
     * Balance alert (lifecycle.md, Notices: `balance.below_threshold`; Tencent Cloud's balance
     * alert is the model): off when null; 2 decimals; may be negative.
     */
    balanceThreshold: decimal('balance_threshold'),
    /** When the balance last went below the threshold (null: not below): the alert episode the daily reminders belong to. */
    belowThresholdSince: instant('below_threshold_since'),
    /**
     * The language the owner chose (db/schema/locales.ts; the rule: lib/i18n/config.ts): pages follow it on every device,
     * emails and exports use it. Null: not chosen, so Chinese for CNY accounts, else English.
     */
    locale: text('locale', { enum: LOCALES }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('accounts_status_idx').on(t.status),
    check('accounts_locale_ck', sql`${t.locale} is null or ${t.locale} in ('en', 'zh')`),
    check('accounts_suspension_reason_ck', sql`(${t.status} = 'suspended') = (${t.suspensionReason} is not null) or ${t.status} = 'reclaimed'`),
  ],
);

/** Every status change of an account, with who or what caused it. */
export const accountStatusHistory = pgTable(
  'account_status_history',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull(),
    actorUserId: uuid('actor_user_id'),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ name: 'account_status_history_pkey', columns: [t.accountId, t.id] }), index('account_status_history_account_idx').on(t.accountId, t.at)],
);
