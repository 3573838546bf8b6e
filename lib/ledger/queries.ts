import { and, asc, count, desc, eq, gt, gte, ilike, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { escapeLike } from '@/db/queries/like';
import { ledgerEntries, LEDGER_KINDS, type LedgerKind } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { endOfLocalDay, isLocalDate, startOfLocalDay } from '@/lib/time/local-date';
import { searchTextSchema } from '@/lib/table-params';

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;

export const LEDGER_KIND_LABEL: Record<LedgerKind, string> = {
  top_up: 'Top-up',
  package_purchase: 'Package purchase',
  renewal: 'Renewal',
  refund: 'Refund',
  daily_charge: 'Daily charge',
  monthly_charge: 'Monthly charge',
  adjustment: 'Adjustment',
};

export type LedgerFilters = { kind?: LedgerKind; from?: string; to?: string; q?: string };

const localDateParam = (label: string) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || isLocalDate(s), `${label} must be a date like 2024-10-08.`)
    .transform((s) => s || undefined)
    .optional();

/** Ledger filters from search params (balance page, CSV export): kind, local date range, text. */
export const ledgerFiltersSchema = z
  .object({
    kind: z
      .union([z.enum(LEDGER_KINDS, { error: `Kind must be one of ${LEDGER_KINDS.join(', ')}.` }), z.literal('')])
      .transform((s) => s || undefined)
      .optional(),
    from: localDateParam('From'),
    to: localDateParam('To'),
    q: searchTextSchema('Search', 100).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'To must be on or after From.' });

/** Parse filters; invalid ones are dropped and reported (the page shows the messages). */
export function parseLedgerFilters(sp: Record<string, string | string[] | undefined>): { filters: LedgerFilters; errors: Record<string, string> } {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const raw = { kind: one(sp.kind), from: one(sp.from), to: one(sp.to), q: one(sp.q) };
  const parsed = ledgerFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data as LedgerFilters, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  // One bad field must not drop the others: a wrong date still lists the chosen kind, and the export matches.
  const keep: Record<string, unknown> = {};
  for (const k of Object.keys(raw) as (keyof typeof raw)[]) if (!errors[k]) keep[k] = raw[k];
  const retry = ledgerFiltersSchema.safeParse(keep);
  return { filters: retry.success ? (retry.data as LedgerFilters) : {}, errors };
}

function whereFor(accountId: string, f: LedgerFilters) {
  return and(
    eq(ledgerEntries.accountId, accountId),
    f.kind ? eq(ledgerEntries.kind, f.kind) : undefined,
    f.from ? gte(ledgerEntries.at, startOfLocalDay(f.from)) : undefined,
    f.to ? lt(ledgerEntries.at, endOfLocalDay(f.to)) : undefined,
    f.q ? or(ilike(ledgerEntries.description, `%${escapeLike(f.q)}%`), ilike(ledgerEntries.reference, `%${escapeLike(f.q)}%`)) : undefined,
  );
}

export const LEDGER_SORTS = ['at', 'amount', 'kind'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

/** A page of the account's ledger, with the filtered totals. Entries are append-only, so `id` orders them in time. */
export async function listLedgerEntries(
  db: DbOrTx,
  accountId: string,
  filters: LedgerFilters,
  options: { sort: LedgerSort; dir: 'asc' | 'desc'; limit: number; offset: number },
) {
  const where = whereFor(accountId, filters);
  const order = options.sort === 'amount' ? ledgerEntries.amount : options.sort === 'kind' ? ledgerEntries.kind : ledgerEntries.id;
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(where)
    .orderBy(options.dir === 'asc' ? asc(order) : desc(order), options.dir === 'asc' ? asc(ledgerEntries.id) : desc(ledgerEntries.id))
    .limit(options.limit)
    .offset(options.offset);
  const [agg] = await db
    .select({
      n: count(),
      credits: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.amount} > 0), 0)::text`,
      debits: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.amount} < 0), 0)::text`,
    })
    .from(ledgerEntries)
    .where(where);
  return { rows, total: agg?.n ?? 0, credits: new Decimal(agg?.credits ?? 0), debits: new Decimal(agg?.debits ?? 0) };
}

/** Every matching entry in time order, in batches (the CSV export streams them). */
export async function* iterateLedgerEntries(db: DbOrTx, accountId: string, filters: LedgerFilters, batchSize = 1000): AsyncGenerator<LedgerEntryRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(ledgerEntries)
      .where(and(whereFor(accountId, filters), gt(ledgerEntries.id, after)))
      .orderBy(asc(ledgerEntries.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}
