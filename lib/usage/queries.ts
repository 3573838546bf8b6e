import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { PRODUCT_LABEL } from '@/lib/packages/catalog';
import type { UsageRecord } from '@/lib/rating';
import { dec } from '@/lib/money/decimal';
import { addDays, type LocalDate } from '@/lib/time/local-date';
import type { DbOrTx } from '@/db/client';
import { entitlementDeductions, freeMinuteGrants, packages, usageRecords } from '@/db/schema';

/** Reads of usage statistics; every one is scoped by account id. */

export type DailyUsageRow = {
  sdkAppId: number;
  localDay: string;
  item: string;
  seconds: number;
  quantity: number;
  peakKbps: string;
  records: number;
};

/**
 * Usage per SDKAppID, local day and item: the day's aggregates kept at ingest summed
 * (issue 11: the partial rows every batch added, or their compacted rows; no row is ever
 * updated by two batches). Seconds and counts add, the relay peak is the highest. Rows
 * that only count records accruing no item (`item = ''`) are not usage of an item.
 */
export async function listDailyUsage(
  db: DbOrTx,
  accountId: string,
  filter: { from: LocalDate; to: LocalDate; sdkAppId?: number; item?: string },
): Promise<DailyUsageRow[]> {
  const rows = await db.execute<{ sdk_app_id: string; local_day: string; item: string; seconds: string; quantity: string; peak: string; records: string }>(sql`
    select sdk_app_id::text, local_day::text, item, sum(seconds)::text as seconds, sum(quantity)::text as quantity, max(peak_kbps)::text as peak, sum(records)::text as records
    from usage_aggregates
    where account_id = ${accountId} and local_day between ${filter.from} and ${filter.to} and item <> ''
      ${filter.sdkAppId !== undefined ? sql`and sdk_app_id = ${filter.sdkAppId}` : sql``}
      ${filter.item !== undefined ? sql`and item = ${filter.item}` : sql``}
    group by local_day, sdk_app_id, item
    order by local_day, sdk_app_id, item`);
  return rows.map((r) => ({
    sdkAppId: Number(r.sdk_app_id),
    localDay: r.local_day,
    item: r.item,
    seconds: Number(r.seconds),
    quantity: Number(r.quantity),
    peakKbps: dec(r.peak).toFixed(),
    records: Number(r.records),
  }));
}

export type DayWindowRow = { sdkAppId: number; item: string; window: number; seconds: number };

/**
 * Seconds per SDKAppID, item and local 5-minute window (0..287) of one local day, summed
 * from the day's aggregates (their windows, lib/rating/day-aggregates.ts: a record crossing
 * midnight counts after midnight only). Ordered by application, window, item.
 */
export async function listDayWindows(db: DbOrTx, accountId: string, day: LocalDate, filter: { sdkAppId?: number; item?: string } = {}): Promise<DayWindowRow[]> {
  const rows = await db.execute<{ sdk_app_id: string; item: string; w: number; seconds: string }>(sql`
    select a.sdk_app_id::text, a.item, u.w::int as w, sum(u.s)::text as seconds
    from usage_aggregates a cross join lateral unnest(a.windows, a.window_seconds) as u(w, s)
    where a.account_id = ${accountId} and a.local_day = ${day}
      ${filter.sdkAppId !== undefined ? sql`and a.sdk_app_id = ${filter.sdkAppId}` : sql``}
      ${filter.item !== undefined ? sql`and a.item = ${filter.item}` : sql``}
    group by a.sdk_app_id, a.item, u.w
    order by a.sdk_app_id, u.w, a.item collate "C"`);
  return rows.map((r) => ({ sdkAppId: Number(r.sdk_app_id), item: r.item, window: Number(r.w), seconds: Number(r.seconds) }));
}

/**
 * The records that can have seconds on a local day: those starting that day and the day
 * before (a record crossing midnight is split by lib/rating). The pages read the
 * aggregates (`listDayWindows`); this is for checks against the raw records.
 */
export async function listRecordsAroundDay(db: DbOrTx, accountId: string, day: LocalDate, sdkAppId?: number): Promise<UsageRecord[]> {
  const rows = await db
    .select({ record: usageRecords.record })
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.accountId, accountId),
        gte(usageRecords.localDay, addDays(day, -1)),
        lte(usageRecords.localDay, day),
        sdkAppId !== undefined ? eq(usageRecords.sdkAppId, sdkAppId) : undefined,
      ),
    );
  return rows.map((r) => (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as UsageRecord);
}

/** Whether the account ever sent usage (the usage page's empty state). */
export async function hasAnyUsage(db: DbOrTx, accountId: string): Promise<boolean> {
  const rows = await db.execute(sql`select exists (select 1 from usage_aggregates where account_id = ${accountId}) or exists (select 1 from usage_records where account_id = ${accountId}) as any`);
  const first = rows[0] as { any?: boolean } | undefined;
  return first?.any === true;
}

export type EntitlementUsageRow = {
  id: string;
  kind: 'package' | 'trial' | 'free';
  name: string;
  /** Product and edition codes of a package (null for the free-minute grant): pages name it in their language. */
  product: string | null;
  edition: string | null;
  sdkAppId: number | null;
  status: string;
  minutes: string;
  minutesUsed: string;
  validFrom: string | null;
  validTo: string | null;
  /** Entitlement minutes deducted per local day over the last days asked for. */
  usedByDay: { day: string; minutes: string }[];
};

/**
 * The account's packages (active and queued) and its free-minute grant valid `today`,
 * with what settlement deducted from each per local day from `since` (inclusive) to
 * `today` (exclusive): the rate behind the projected exhaustion date.
 */
export async function listEntitlementUsage(db: DbOrTx, accountId: string, today: LocalDate, since: LocalDate): Promise<EntitlementUsageRow[]> {
  const pk = await db
    .select()
    .from(packages)
    .where(and(eq(packages.accountId, accountId), inArray(packages.status, ['active', 'queued'])))
    .orderBy(asc(packages.validFrom), asc(packages.purchasedAt));
  const grants = await db
    .select()
    .from(freeMinuteGrants)
    .where(and(eq(freeMinuteGrants.accountId, accountId), lte(freeMinuteGrants.validFrom, today), gte(freeMinuteGrants.validTo, today)));
  const ids = [...pk.map((p) => p.id), ...grants.map((g) => g.id)];
  const used = ids.length
    ? await db
        .select({ id: entitlementDeductions.entitlementId, day: entitlementDeductions.localDay, minutes: sql<string>`sum(${entitlementDeductions.entitlementMinutes})::text` })
        .from(entitlementDeductions)
        .where(
          and(
            eq(entitlementDeductions.accountId, accountId),
            inArray(entitlementDeductions.entitlementId, ids),
            gte(entitlementDeductions.localDay, since),
            lt(entitlementDeductions.localDay, today),
          ),
        )
        .groupBy(entitlementDeductions.entitlementId, entitlementDeductions.localDay)
    : [];
  const byId = new Map<string, { day: string; minutes: string }[]>();
  for (const u of used) {
    const list = byId.get(u.id) ?? [];
    list.push({ day: u.day, minutes: u.minutes });
    byId.set(u.id, list);
  }
  return [
    ...grants.map((g) => ({
      id: g.id,
      kind: 'free' as const,
      name: 'Monthly free minutes',
      product: null,
      edition: null,
      sdkAppId: null,
      status: 'active',
      minutes: g.minutes.toFixed(),
      minutesUsed: g.minutesUsed.toFixed(),
      validFrom: g.validFrom,
      validTo: g.validTo,
      usedByDay: byId.get(g.id) ?? [],
    })),
    ...pk.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: `${(PRODUCT_LABEL as Record<string, string>)[p.product] ?? p.product} ${p.edition}`,
      product: p.product,
      edition: p.edition,
      sdkAppId: p.sdkAppId,
      status: p.status,
      minutes: p.minutes.toFixed(),
      minutesUsed: p.minutesUsed.toFixed(),
      validFrom: p.validFrom,
      validTo: p.validTo,
      usedByDay: byId.get(p.id) ?? [],
    })),
  ];
}
