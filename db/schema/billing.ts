import { bigint, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { decimal, instant } from './columns';
import { accounts } from './accounts';

export const BILL_KINDS = ['daily', 'monthly', 'adjustment'] as const;
export type BillKind = (typeof BILL_KINDS)[number];

/**
 * A bill (lifecycle.md, Settlement and bills). One daily bill per account per local
 * day, one monthly bill per account per month, adjustments numbered per day: the
 * unique index is what makes settling twice change nothing.
 */
export const bills = pgTable(
  'bills',
  {
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    number: text('number').notNull(),
    kind: text('kind', { enum: BILL_KINDS }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** 0 for daily and monthly bills; 1, 2, ... for adjustments of the same period. */
    adjustmentSeq: integer('adjustment_seq').notNull().default(0),
    currency: text('currency').notNull(),
    priceBookId: text('price_book_id').notNull(),
    /** Exact sum of lines, and the half-up 2-decimal total charged (rating.md section 3). */
    amount: decimal('amount').notNull(),
    total: decimal('total').notNull(),
    ledgerEntryId: bigint('ledger_entry_id', { mode: 'number' }),
    /** Highest usage record id covered, so late records can be told apart. */
    lastUsageRecordId: bigint('last_usage_record_id', { mode: 'number' }),
    issuedAt: instant('issued_at').notNull(),
  },
  (t) => [
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('bills_id_idx').on(t.id),
    primaryKey({ name: 'bills_pkey', columns: [t.accountId, t.id] }),
    uniqueIndex('bills_period_uq').on(t.accountId, t.kind, t.periodStart, t.adjustmentSeq),
    uniqueIndex('bills_number_uq').on(t.accountId, t.number),
    index('bills_account_idx').on(t.accountId, t.periodStart),
  ],
);

/** A priced line of a bill, with its explanation from lib/rating. */
export const billLines = pgTable(
  'bill_lines',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    billId: uuid('bill_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Kept as a number, not a foreign key: bills outlive reclaimed applications. */
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }),
    item: text('item').notNull(),
    description: text('description').notNull(),
    quantity: decimal('quantity').notNull(),
    unit: text('unit').notNull(),
    unitPrice: decimal('unit_price').notNull(),
    per: integer('per').notNull(),
    amount: decimal('amount').notNull(),
    explanation: jsonb('explanation').notNull(),
  },
  (t) => [
    primaryKey({ name: 'bill_lines_pkey', columns: [t.accountId, t.id] }),
    foreignKey({ name: 'bill_lines_bill_fk', columns: [t.accountId, t.billId], foreignColumns: [bills.accountId, bills.id] }),
    index('bill_lines_bill_idx').on(t.billId),
  ],
);

/** What each entitlement (free minutes, package, trial) gave to a bill. */
export const entitlementDeductions = pgTable(
  'entitlement_deductions',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id').notNull(),
    billId: uuid('bill_id').notNull(),
    entitlementKind: text('entitlement_kind').notNull(),
    /** packages.id or free_minute_grants.id; no foreign key, packages go at reclamation. */
    entitlementId: uuid('entitlement_id').notNull(),
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    item: text('item').notNull(),
    usageMinutes: decimal('usage_minutes').notNull(),
    entitlementMinutes: decimal('entitlement_minutes').notNull(),
  },
  (t) => [
    primaryKey({ name: 'entitlement_deductions_pkey', columns: [t.accountId, t.id] }),
    foreignKey({ name: 'entitlement_deductions_bill_fk', columns: [t.accountId, t.billId], foreignColumns: [bills.accountId, bills.id] }),
    index('entitlement_deductions_bill_idx').on(t.billId),
    index('entitlement_deductions_entitlement_idx').on(t.entitlementId),
  ],
);

/**
 * One row per settled (account, local day), with or without a bill (a day without usage
 * has no bill). The primary key makes a day settle once; `lastUsageRecordId` is a safe
 * watermark (every usage record with a lower id was committed when it was read), so
 * records above it for this day are late usage and go on an adjustment bill
 * (lifecycle.md, Settlement and bills).
 */
export const daySettlements = pgTable(
  'day_settlements',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    lastUsageRecordId: bigint('last_usage_record_id', { mode: 'number' }).notNull(),
    /** Records (pieces within the day) rated for the day so far, across its bills. */
    recordCount: integer('record_count').notNull(),
    /** Bills of the day so far: the daily bill and its adjustments. */
    billCount: integer('bill_count').notNull().default(0),
    settledAt: instant('settled_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.localDay] })],
);

/**
 * One row per settled (account, month) of the month's bill (monthly items; every duration
 * item too for a book rounding per month, rtv-cny). Same guarantees as `day_settlements`:
 * the primary key makes a month settle once, and records above `lastUsageRecordId` that
 * belong to the month go on a monthly adjustment bill (lifecycle.md, Settlement and bills).
 */
export const monthSettlements = pgTable(
  'month_settlements',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    /** First local day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    lastUsageRecordId: bigint('last_usage_record_id', { mode: 'number' }).notNull(),
    recordCount: integer('record_count').notNull(),
    billCount: integer('bill_count').notNull().default(0),
    settledAt: instant('settled_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.month] })],
);
