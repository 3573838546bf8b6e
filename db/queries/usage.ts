import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { PRODUCT_LABEL } from '@/lib/packages/catalog';
import type { UsageRecord } from '@/lib/rating';
import { addDays, type LocalDate } from '@/lib/time/local-date';
import type { DbOrTx } from '../client';
import { entitlementDeductions, freeMinuteGrants, packages, usageDaily, usageRecords } from '../schema';

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

export async function listDailyUsage(
  db: DbOrTx,
  accountId: string,
  filter: { from: LocalDate; to: LocalDate; sdkAppId?: number; item?: string },
): Promise<DailyUsageRow[]> {
  const rows = await db
    .select({
      sdkAppId: usageDaily.sdkAppId,
      localDay: usageDaily.localDay,
      item: usageDaily.item,
      seconds: usageDaily.seconds,
      quantity: usageDaily.quantity,
      peakKbps: usageDaily.peakKbps,
      records: usageDaily.records,
    })
    .from(usageDaily)
    .where(
      and(
        eq(usageDaily.accountId, accountId),
        gte(usageDaily.localDay, filter.from),
        lte(usageDaily.localDay, filter.to),
        filter.sdkAppId !== undefined ? eq(usageDaily.sdkAppId, filter.sdkAppId) : undefined,
        filter.item !== undefined ? eq(usageDaily.item, filter.item) : undefined,
      ),
    )
    .orderBy(asc(usageDaily.localDay), asc(usageDaily.sdkAppId), asc(usageDaily.item));
  return rows.map((r) => ({ ...r, seconds: Number(r.seconds), quantity: Number(r.quantity), peakKbps: r.peakKbps.toFixed() }));
}

/**
 * The records that can have seconds on a local day: those starting that day and the day
 * before (a record crossing midnight is split by lib/rating; records longer than 24 hours
 * that started earlier still count in the daily totals, not in the 5-minute chart).
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
  const rows = await db.execute(sql`select exists (select 1 from usage_daily where account_id = ${accountId}) or exists (select 1 from usage_records where account_id = ${accountId}) as any`);
  const first = rows[0] as { any?: boolean } | undefined;
  return first?.any === true;
}

export type EntitlementUsageRow = {
  id: string;
  kind: 'package' | 'trial' | 'free';
  name: string;
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
