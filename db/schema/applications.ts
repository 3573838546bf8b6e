import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgSequence, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { accounts } from './accounts';

/** SDKAppID = 1400000000 + n (lifecycle.md, Applications); a sequence, never count + 1. */
export const sdkAppIdSeq = pgSequence('sdk_app_id_seq', { startWith: 1400000001, minValue: 1400000001 });

export const EDITIONS = ['free', 'starter', 'lite', 'standard', 'pro'] as const;
export type Edition = (typeof EDITIONS)[number];

/**
 * An application (SDKAppID). The secret key is shown once; only its SHA-256 is kept,
 * and the usage API's HMAC signature is keyed by that digest (see lib/usage-api).
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    /** Unique across accounts by its sequence; the unique index is per account (issue 11 item 4: keys lead with the account). */
    sdkAppId: bigint('sdk_app_id', { mode: 'number' })
      .notNull()
      .default(sql`nextval('sdk_app_id_seq')`),
    name: text('name').notNull(),
    secretKeyHash: text('secret_key_hash').notNull(),
    secretKeyHint: text('secret_key_hint').notNull(), // last 4 characters, to recognise a key
    /** When the key was last rotated (lifecycle.md, Applications: rotate the secret key). */
    secretKeyRotatedAt: instant('secret_key_rotated_at'),
    /** The key before the last rotation: still signs until `previousSecretKeyExpiresAt` (24 h grace), null when it stopped at once. */
    previousSecretKeyHash: text('previous_secret_key_hash'),
    previousSecretKeyHint: text('previous_secret_key_hint'),
    previousSecretKeyExpiresAt: instant('previous_secret_key_expires_at'),
    enabled: boolean('enabled').notNull().default(true),
    /** RTC-Engine edition the application is on; Free by default (lifecycle.md, Applications). */
    edition: text('edition', { enum: EDITIONS }).notNull().default('free'),
    /** Free edition used up its monthly free minutes: suspended until a package or next grant. */
    freeExhaustedAt: instant('free_exhausted_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('applications_id_idx').on(t.id),
    primaryKey({ name: 'applications_pkey', columns: [t.accountId, t.id] }),
    uniqueIndex('applications_sdk_app_id_uq').on(t.accountId, t.sdkAppId),
    // The usage API finds the application (and so the account) by SDKAppID alone.
    index('applications_sdk_app_idx').on(t.sdkAppId),
  ],
);

/**
 * Account usage keys (issue 11: the benchmark's 10,000-record batches span an account's
 * applications, as Metronome's and Stripe's meter event streams take batches at the
 * account level). A key signs usage API batches holding records of any application of its
 * account (docs/usage-api.md, X-Usage-Key-Id). `id` is the public key id sent in the
 * header (`uk_…`, random); the secret is shown once and only its SHA-256 is kept, as an
 * application's secret key (lib/applications/secret-key.ts). Revoked keys stay (audit).
 */
export const usageKeys = pgTable(
  'usage_keys',
  {
    id: text('id').notNull(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    name: text('name').notNull(),
    secretKeyHash: text('secret_key_hash').notNull(),
    secretKeyHint: text('secret_key_hint').notNull(), // last 4 characters, to recognise a key
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
    /** Account time of the last accepted batch, written at most once a minute (lib/usage/usage-key-signer.ts). */
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [
    primaryKey({ name: 'usage_keys_pkey', columns: [t.accountId, t.id] }),
    // The usage API finds the key (and so the account) by its public id alone.
    index('usage_keys_id_idx').on(t.id),
  ],
);
