import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, json, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { decimal, instant } from './columns';
import { accounts } from './accounts';

export const USAGE_SOURCES = ['api', 'import', 'generator', 'seed'] as const;

/** One accepted batch of usage records (API call, file import, generator run). */
export const usageBatches = pgTable(
  'usage_batches',
  {
    id: uuid('id').defaultRandom().notNull(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }),
    /** The account usage key that signed an API batch (`usage_keys.id`); null when an application signed it, and for imports. */
    usageKeyId: text('usage_key_id'),
    source: text('source', { enum: USAGE_SOURCES }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    recordCount: integer('record_count').notNull(),
    bodySha256: text('body_sha256'),
    receivedAt: instant('received_at').notNull(),
    /**
     * When the batch's `usage_aggregates` rows were written (issue 11). The usage store sets
     * it in the batch's transaction; batches stored before the aggregates existed, or by
     * writers that skip them, are summed when settlement or the usage pages first need them
     * (lib/usage/aggregates.ts).
     */
    aggregatedAt: instant('aggregated_at'),
  },
  (t) => [
    // Shard-ready (issue 11 item 4): keys lead with the account (docs/scale-out.md).
    primaryKey({ name: 'usage_batches_pkey', columns: [t.accountId, t.id] }),
    uniqueIndex('usage_batches_idempotency_uq').on(t.accountId, t.idempotencyKey),
    index('usage_batches_aggregates_pending_idx').on(t.accountId).where(sql`aggregated_at is null`),
  ],
);

/**
 * A usage record in rating.md section 1 shape (`record`), with the columns the
 * settlement job and usage pages select and group by. `localDay` is the record's
 * start date in the account's price-book time zone; a record crossing midnight is
 * split by the rating library, not here.
 *
 * Partitioned by month of `local_day` (issue 11 item 3; migration 0014, which drizzle-kit
 * cannot express: this file keeps only the columns, keys and indexes, identical on the
 * partitioned table). See lib/usage/partitions.ts for why the local day and not the
 * record's instant, the partitions kept ahead and the default partition.
 */
export const usageRecords = pgTable(
  'usage_records',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /**
     * No foreign key to `accounts` (migration 0022, issue 11): its per-row check was ~3 µs of
     * PostgreSQL CPU per record on ingest, a fifth of the COPY. Every writer takes the account
     * from a row it has just read (an application, a usage key, the importing account), the
     * batch's `usage_batches` row checks it once per batch in the same transaction, and
     * accounts are never deleted (tests/schema-shard-keys.int.test.ts).
     */
    accountId: uuid('account_id').notNull(),
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    batchId: uuid('batch_id'),
    type: text('type').notNull(),
    start: instant('start').notNull(),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    seconds: integer('seconds'),
    /**
     * The record as its client sent it, JSON text (`json`, migration 0023, issue 11: "raw
     * records stay stored, in a lean form chosen for write speed"): PostgreSQL only checks
     * the syntax, where `jsonb` built and sorted a tree per record (~2.5 µs of its CPU per
     * record on ingest, a quarter of the COPY). Every reader parses it in JavaScript and no
     * query reads into it; the usage store refuses NUL and lone surrogates (storable.ts).
     */
    record: json('record').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [
    // A partitioned table's keys include the partition column; the account leads (item 4).
    primaryKey({ name: 'usage_records_pkey', columns: [t.accountId, t.id, t.localDay] }),
    // Watermarks (max(id)) and the late-usage scan (id ranges) read ids across partitions.
    index('usage_records_id_idx').on(t.id),
    index('usage_records_account_day_idx').on(t.accountId, t.localDay),
    // No (sdk_app_id, start) index (dropped in 0022): no query read by it, and each record paid its B-tree insert (~1.5 µs of PostgreSQL CPU).
    // Records stored without a batch (tests, old demo data) get their aggregates when settlement first meets them.
    index('usage_records_unbatched_idx').on(t.accountId).where(sql`batch_id is null`),
  ],
);

/**
 * Aggregates kept at ingest (issue 11): what one stored batch adds to one (SDKAppID, local
 * day, item), written in the batch's own transaction (lib/usage/store.ts) from the same
 * lib/rating classification and midnight split settlement uses (lib/rating/day-aggregates.ts).
 * Append-only partial rows: concurrent batches never update a shared row; settlement and
 * the usage pages sum a day's rows. Durations carry their 5-minute windows (rating.md
 * section 4: the deduction runs window by window) as two parallel arrays, so a day's rows
 * rate exactly like its records. `throughId` is the highest `usage_records.id` a row sums:
 * settlement takes the rows at or below its safe watermark (lib/settlement/raw.ts).
 * Partitioned by month of `local_day` like `usage_records` (migration 0014, lib/usage/partitions.ts).
 */
export const usageAggregates = pgTable(
  'usage_aggregates',
  {
    accountId: uuid('account_id').notNull(),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    /** Item code; '' on a row that only counts records accruing no item. */
    item: text('item').notNull(),
    /** The batch whose records the row sums (null for rows summed from records stored without a batch). */
    batchId: uuid('batch_id'),
    throughId: bigint('through_id', { mode: 'number' }).notNull(),
    /** Duration items: seconds (stream count included); 0 for sampled items. */
    seconds: bigint('seconds', { mode: 'number' }).notNull().default(0),
    /** Screenshots (images) and signalling (calls) summed; 0 otherwise. */
    quantity: bigint('quantity', { mode: 'number' }).notNull().default(0),
    /** Relay: the highest kbps sample; 0 otherwise. */
    peakKbps: decimal('peak_kbps').notNull().default(sql`0`),
    /** Record pieces (split at local midnight) the row sums. */
    records: integer('records').notNull().default(0),
    /** Duration records of the (app, day), counted on one row per batch. */
    dayRecords: integer('day_records').notNull().default(0),
    /** Local 5-minute window numbers within the day (0..287) and the seconds in each. */
    windows: smallint('windows').array().notNull(),
    windowSeconds: bigint('window_seconds', { mode: 'number' }).array().notNull(),
    /** The lowest usage record ids summed (explanations name them). */
    samples: bigint('samples', { mode: 'number' }).array().notNull(),
    /**
     * Of `records`, the pieces of records that started on an earlier local day, and of
     * `day_records`, those records: a month's bill (rtv-cny) counts a record crossing
     * midnight inside the month once (lib/rating/day-aggregates.ts).
     */
    carried: integer('carried').notNull().default(0),
    dayCarried: integer('day_carried').notNull().default(0),
  },
  (t) => [index('usage_aggregates_account_day_idx').on(t.accountId, t.localDay)],
);
