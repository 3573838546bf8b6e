import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { UsageRecord } from '@/lib/rating';
import { addDays, type LocalDate } from '@/lib/time/local-date';
import type { DbOrTx } from '../client';
import { usageDaily, usageRecords } from '../schema';

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

/** Last day with usage statistics, for a sensible default range. */
export async function lastUsageDay(db: DbOrTx, accountId: string): Promise<string | null> {
  const [row] = await db
    .select({ day: sql<string | null>`max(${usageDaily.localDay})` })
    .from(usageDaily)
    .where(eq(usageDaily.accountId, accountId));
  return row?.day ?? null;
}
