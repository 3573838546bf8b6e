import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';

/**
 * A safe usage watermark: the highest usage record id such that every record with a
 * lower or equal id is committed (or rolled back) and so visible. Ids come from a
 * sequence and transactions commit out of order, so a plain max(id) could be passed
 * by a slower transaction holding a smaller id; a brief SHARE lock waits for every
 * in-flight insert to finish first (milliseconds), then the max is safe. Records
 * above a day's watermark are late usage (lifecycle.md, Settlement and bills).
 */
export async function safeUsageWatermark(db: Database): Promise<number> {
  return db.transaction(async (tx: Transaction) => {
    await tx.execute(sql`set local lock_timeout = '30s'`);
    await tx.execute(sql`lock table usage_records in share mode`);
    const rows = await tx.execute<{ max: string | number | null }>(sql`select max(id) as max from usage_records`);
    return Number(rows[0]?.max ?? 0);
  });
}
