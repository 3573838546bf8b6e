import { and, asc, count, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { lastDayOfMonth } from '@/lib/time/local-date';
import type { DbOrTx } from '@/db/client';
import { applications, billLines, bills, entitlementDeductions, freeMinuteGrants, ledgerEntries, packages, usageRecords } from '@/db/schema';
import type { BillKind } from '@/db/schema/billing';

/** Reads of bills; every one takes the account id and filters by it (another account's bill is "not found"). */

export const BILL_SORTS = ['period', 'number', 'total', 'issuedAt'] as const;
export type BillSort = (typeof BILL_SORTS)[number];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isBillId = (id: string) => UUID_RE.test(id);

export type BillRow = Awaited<ReturnType<typeof listBills>>['rows'][number];

export async function listBills(
  db: DbOrTx,
  accountId: string,
  options: { kind?: BillKind; month?: string; sort: BillSort; dir: 'asc' | 'desc'; limit: number; offset: number },
) {
  const where = and(
    eq(bills.accountId, accountId),
    options.kind ? eq(bills.kind, options.kind) : undefined,
    // A month's bills: those whose period starts in the month (daily, adjustments for its days, its monthly bill).
    options.month ? gte(bills.periodStart, `${options.month}-01`) : undefined,
    options.month ? lte(bills.periodStart, lastDayOfMonth(`${options.month}-01`)) : undefined,
  );
  const sortCol = { period: bills.periodStart, number: bills.number, total: bills.total, issuedAt: bills.issuedAt }[options.sort];
  const order = options.dir === 'asc' ? asc(sortCol) : desc(sortCol);
  const rows = await db
    .select({
      id: bills.id,
      number: bills.number,
      kind: bills.kind,
      periodStart: bills.periodStart,
      periodEnd: bills.periodEnd,
      adjustmentSeq: bills.adjustmentSeq,
      currency: bills.currency,
      amount: bills.amount,
      total: bills.total,
      issuedAt: bills.issuedAt,
      ledgerEntryId: bills.ledgerEntryId,
      balanceAfter: ledgerEntries.balanceAfter,
      lineCount: sql<number>`(select count(*)::int from ${billLines} l where l.bill_id = ${bills.id})`,
    })
    .from(bills)
    .leftJoin(ledgerEntries, and(eq(ledgerEntries.id, bills.ledgerEntryId), eq(ledgerEntries.accountId, accountId)))
    .where(where)
    .orderBy(order, desc(bills.adjustmentSeq), desc(bills.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(bills).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Totals for the bills page header: bills, and what was billed from `since` (a local date). */
export async function billTotals(db: DbOrTx, accountId: string, since: string) {
  const [row] = await db
    .select({
      bills: count(),
      sinceTotal: sql<string>`coalesce(sum(${bills.total}) filter (where ${bills.periodStart} >= ${since}), 0)::text`,
      lastIssued: sql<string | null>`max(${bills.issuedAt})::text`,
    })
    .from(bills)
    .where(eq(bills.accountId, accountId));
  return { bills: row?.bills ?? 0, sinceTotal: row?.sinceTotal ?? '0', lastIssued: row?.lastIssued ?? null };
}

export async function getBill(db: DbOrTx, accountId: string, billId: string) {
  if (!isBillId(billId)) return null;
  const [row] = await db
    .select({ bill: bills, balanceAfter: ledgerEntries.balanceAfter, ledgerAt: ledgerEntries.at })
    .from(bills)
    .leftJoin(ledgerEntries, and(eq(ledgerEntries.id, bills.ledgerEntryId), eq(ledgerEntries.accountId, accountId)))
    .where(and(eq(bills.id, billId), eq(bills.accountId, accountId)))
    .limit(1);
  return row ? { ...row.bill, balanceAfter: row.balanceAfter, ledgerAt: row.ledgerAt } : null;
}

export type BillLineRow = typeof billLines.$inferSelect;

export async function listBillLines(db: DbOrTx, accountId: string, billId: string): Promise<BillLineRow[]> {
  return db
    .select()
    .from(billLines)
    .where(and(eq(billLines.billId, billId), eq(billLines.accountId, accountId)))
    .orderBy(asc(billLines.sdkAppId), asc(billLines.id));
}

export async function listBillDeductions(db: DbOrTx, accountId: string, billId: string) {
  return db
    .select()
    .from(entitlementDeductions)
    .where(and(eq(entitlementDeductions.billId, billId), eq(entitlementDeductions.accountId, accountId)))
    .orderBy(asc(entitlementDeductions.sdkAppId), asc(entitlementDeductions.item), asc(entitlementDeductions.id));
}

/** What names an entitlement (package, free-minute grant) in an explanation: pages word it in their language (lib/bills/words.ts). */
export type EntitlementFacts = { kind: 'package'; product: string; edition: string; validFrom: string | null; validTo: string | null } | { kind: 'free'; validFrom: string; validTo: string };

/** The entitlements (packages, free-minute grants) an explanation names, by id. */
export async function entitlementNames(db: DbOrTx, accountId: string, ids: readonly string[]): Promise<Map<string, EntitlementFacts>> {
  const valid = [...new Set(ids)].filter(isBillId);
  const out = new Map<string, EntitlementFacts>();
  if (!valid.length) return out;
  const pk = await db
    .select({ id: packages.id, product: packages.product, edition: packages.edition, validFrom: packages.validFrom, validTo: packages.validTo })
    .from(packages)
    .where(and(eq(packages.accountId, accountId), inArray(packages.id, valid)));
  for (const p of pk) out.set(p.id, { kind: 'package', product: p.product, edition: p.edition, validFrom: p.validFrom, validTo: p.validTo });
  const grants = await db
    .select({ id: freeMinuteGrants.id, validFrom: freeMinuteGrants.validFrom, validTo: freeMinuteGrants.validTo })
    .from(freeMinuteGrants)
    .where(and(eq(freeMinuteGrants.accountId, accountId), inArray(freeMinuteGrants.id, valid)));
  for (const g of grants) out.set(g.id, { kind: 'free', validFrom: g.validFrom, validTo: g.validTo });
  return out;
}

/** Usage records by id (the sample records an explanation names), only the account's own. */
export async function listUsageRecordsByIds(db: DbOrTx, accountId: string, ids: readonly number[]) {
  const valid = [...new Set(ids)].filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 500);
  if (!valid.length) return [];
  return db
    .select({ id: usageRecords.id, sdkAppId: usageRecords.sdkAppId, record: usageRecords.record, batchId: usageRecords.batchId })
    .from(usageRecords)
    .where(and(eq(usageRecords.accountId, accountId), inArray(usageRecords.id, valid)));
}

/** Application names for line grouping (bills outlive applications: missing ones are "deleted"). */
export async function applicationNames(db: DbOrTx, accountId: string): Promise<Map<number, string>> {
  const rows = await db.select({ sdkAppId: applications.sdkAppId, name: applications.name }).from(applications).where(eq(applications.accountId, accountId));
  return new Map(rows.map((r) => [r.sdkAppId, r.name]));
}

/**
 * What was billed per local day and kind of bill from `from` to `to` (inclusive), by the
 * day the bill's period starts (a monthly bill on the 1st): the overview's cost chart.
 * Sums of numeric columns stay exact (Decimal via text).
 */
export async function billedByDay(db: DbOrTx, accountId: string, from: string, to: string): Promise<{ day: string; kind: BillKind; total: string }[]> {
  return db
    .select({ day: bills.periodStart, kind: bills.kind, total: sql<string>`sum(${bills.total})::text` })
    .from(bills)
    .where(and(eq(bills.accountId, accountId), gte(bills.periodStart, from), lte(bills.periodStart, to)))
    .groupBy(bills.periodStart, bills.kind)
    .orderBy(asc(bills.periodStart));
}
