import { bigint, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { decimal, instant } from './columns';
import { accounts } from './accounts';

export const LEDGER_KINDS = [
  'top_up',
  'package_purchase',
  'renewal',
  'refund',
  'daily_charge',
  'monthly_charge',
  'adjustment',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The append-only balance ledger (lifecycle.md, Account). `amount` is signed
 * (credit > 0, debit < 0); `balanceAfter` is the running balance after this row.
 * `idempotencyKey` makes retries and double submits harmless.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    amount: decimal('amount').notNull(),
    balanceAfter: decimal('balance_after').notNull(),
    currency: text('currency').notNull(),
    /** The entry's cause in English, as posted (audit, search); pages render it from the key. */
    description: text('description').notNull(),
    /** Which sentence `description` is (lib/ledger/description.ts) and its values, so every
     * language renders it from the same facts; null on entries from before (shown as written). */
    descriptionKey: text('description_key'),
    descriptionParams: jsonb('description_params'),
    /** What this entry pays for: `package:<id>`, `bill:<id>`, `refund:<id>`, a payment reference. */
    reference: text('reference'),
    idempotencyKey: text('idempotency_key').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** Business time (the account's clock), not insert time. */
    at: instant('at').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // Lookups by id alone (admin pages, services given an id) keep an index on one node (docs/scale-out.md).
    index('ledger_entries_id_idx').on(t.id),
    primaryKey({ name: 'ledger_entries_pkey', columns: [t.accountId, t.id] }),
    uniqueIndex('ledger_entries_idempotency_uq').on(t.accountId, t.idempotencyKey),
  ],
);
