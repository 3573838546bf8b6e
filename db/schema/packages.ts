import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { decimal, instant } from './columns';
import { accounts } from './accounts';
import { applications } from './applications';

export const PACKAGE_KINDS = ['package', 'trial'] as const;
export const PACKAGE_STATUSES = ['queued', 'active', 'expired', 'void'] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];
export const PACKAGE_SOURCES = ['purchase', 'renewal', 'grant'] as const;

/**
 * A package bound to one application (lifecycle.md, Packages). Dates are local
 * (Asia/Shanghai) and inclusive (rating.md section 4 and 6). A queued package has
 * no dates until it is activated at the expiry of the one before it.
 */
export const packages = pgTable(
  'packages',
  {
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    applicationId: uuid('application_id').notNull(),
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: PACKAGE_KINDS }).notNull().default('package'),
    /** `rtc-engine`, `call`, `conference`, `live`, `monitoring`, `universal` (2022). */
    product: text('product').notNull(),
    edition: text('edition').notNull(),
    /** Catalog code, e.g. `rtc-engine.lite`, `universal.custom`. */
    catalogCode: text('catalog_code').notNull(),
    minutes: decimal('minutes').notNull(),
    minutesUsed: decimal('minutes_used').notNull().default(sql`0`),
    price: decimal('price').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: PACKAGE_STATUSES }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** Day-of-month anchor kept across renewals (rating.md section 6). */
    anchorDay: integer('anchor_day'),
    autoRenew: boolean('auto_renew').notNull().default(false),
    source: text('source', { enum: PACKAGE_SOURCES }).notNull().default('purchase'),
    previousPackageId: uuid('previous_package_id'),
    purchasedAt: instant('purchased_at').notNull(),
    ledgerEntryId: bigint('ledger_entry_id', { mode: 'number' }),
    idempotencyKey: text('idempotency_key').notNull(),
    voidedAt: instant('voided_at'),
    voidReason: text('void_reason'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('packages_id_idx').on(t.id),
    primaryKey({ name: 'packages_pkey', columns: [t.accountId, t.id] }),
    // The application's key carries the account (issue 11 item 4: co-located when sharded).
    foreignKey({ name: 'packages_application_fk', columns: [t.accountId, t.applicationId], foreignColumns: [applications.accountId, applications.id] }),
    uniqueIndex('packages_idempotency_uq').on(t.accountId, t.idempotencyKey),
    // One package per application per product at a time, one queued behind it;
    // 2022 universal packages stack (lifecycle.md, Packages).
    uniqueIndex('packages_one_active_uq')
      .on(t.accountId, t.applicationId, t.product)
      .where(sql`status = 'active' and product <> 'universal'`),
    uniqueIndex('packages_one_queued_uq')
      .on(t.accountId, t.applicationId, t.product)
      .where(sql`status = 'queued' and product <> 'universal'`),
    index('packages_account_idx').on(t.accountId, t.status),
  ],
);

/** The monthly 10,000 free minutes of an account (lifecycle.md, Packages: Free minutes). */
export const freeMinuteGrants = pgTable(
  'free_minute_grants',
  {
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    minutes: decimal('minutes').notNull(),
    minutesUsed: decimal('minutes_used').notNull().default(sql`0`),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    grantedAt: instant('granted_at').notNull(),
  },
  (t) => [index('free_minute_grants_id_idx').on(t.id), primaryKey({ name: 'free_minute_grants_pkey', columns: [t.accountId, t.id] }), uniqueIndex('free_minute_grants_period_uq').on(t.accountId, t.validFrom)],
);

/** `withdrawn`: the customer took the request back while it was open (lifecycle.md, Five-day refund). */
export const REFUND_STATUSES = ['open', 'approved', 'rejected', 'withdrawn'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A five-day refund request (lifecycle.md, Five-day refund). */
export const refundRequests = pgTable(
  'refund_requests',
  {
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    packageId: uuid('package_id').notNull(),
    status: text('status', { enum: REFUND_STATUSES }).notNull().default('open'),
    amount: decimal('amount').notNull(),
    currency: text('currency').notNull(),
    customerNote: text('customer_note'),
    /** Result of checks (a)-(d) when requested and when decided. */
    checks: jsonb('checks').notNull(),
    requestedAt: instant('requested_at').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    decidedAt: instant('decided_at'),
    decidedBy: uuid('decided_by'),
    decisionReason: text('decision_reason'),
    ledgerEntryId: bigint('ledger_entry_id', { mode: 'number' }),
  },
  (t) => [
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('refund_requests_id_idx').on(t.id),
    primaryKey({ name: 'refund_requests_pkey', columns: [t.accountId, t.id] }),
    // One open request per account at a time.
    uniqueIndex('refund_requests_one_open_uq').on(t.accountId).where(sql`status = 'open'`),
    uniqueIndex('refund_requests_one_approved_uq').on(t.accountId, t.packageId).where(sql`status = 'approved'`),
    index('refund_requests_status_idx').on(t.status, t.requestedAt),
  ],
);
