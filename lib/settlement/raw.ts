import type postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx, Transaction } from '@/db/client';

/**
 * The postgres.js client under a Drizzle handle: the pool for a database, the
 * transaction's own connection for a transaction. Settlement streams usage with a
 * cursor (postgres.js `.cursor(n)`), which Drizzle does not expose.
 */
export function rawClient(db: DbOrTx): postgres.Sql {
  const session = (db as unknown as { session?: { client?: postgres.Sql } }).session;
  const client = session?.client ?? (db as unknown as { $client?: postgres.Sql }).$client;
  if (!client || typeof client !== 'function') throw new Error('no postgres.js client under this Drizzle handle');
  return client;
}

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
