import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { testDb } from '@/tests/db';
import { usageAggregates } from '@/db/schema';
import { createTestAccount } from '@/tests/factories';

/**
 * The window and sample arrays of usage_aggregates are stored inline and uncompressed
 * (migration 0024): a settlement slices the first windows of every compacted row of a day,
 * and a pglz-compressed array is decompressed whole for that. Checked on every partition,
 * one created after the migration too (usage_month_partition copies the parent's storage).
 */
const ARRAYS = ['windows', 'window_seconds', 'samples'];

async function storage(db: ReturnType<typeof testDb>['db']): Promise<Record<string, string>> {
  const rows = await db.execute<{ rel: string; att: string; storage: string }>(sql`
    select c.relname as rel, a.attname as att, a.attstorage as storage
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where (c.oid = 'usage_aggregates'::regclass or c.oid in (select inhrelid from pg_inherits where inhparent = 'usage_aggregates'::regclass))
      and a.attname in ('windows', 'window_seconds', 'samples')`);
  return Object.fromEntries(rows.map((r) => [`${r.rel}.${r.att}`, r.storage]));
}

class Rollback extends Error {}

describe('usage_aggregates array storage (migration 0024)', () => {
  test('every partition, and one created later, keeps the arrays plain; a full-day row is stored uncompressed', async () => {
    const { db } = testDb();
    const before = await storage(db);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(ARRAYS.length * 2);
    expect(Object.values(before).every((s) => s === 'p')).toBe(true);
    const { accountId } = await createTestAccount(db);
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`select usage_month_partition('usage_aggregates', '2041-01-01')`);
        const after = await storage(tx as unknown as ReturnType<typeof testDb>['db']);
        expect(after['usage_aggregates_p204101.window_seconds']).toBe('p');
        expect(Object.entries(after).filter(([, s]) => s !== 'p')).toEqual([]);
        // A compacted row with every window of the day: stored as is (no pglz), still inside a page.
        const windows = Array.from({ length: 288 }, (_, i) => i);
        await tx.insert(usageAggregates).values({ accountId, localDay: '2041-01-15', sdkAppId: 1400000001, item: 'audio', throughId: 1, seconds: 288 * 300, windows, windowSeconds: windows.map(() => 300), samples: [1, 2, 3, 4, 5] });
        const [row] = await tx.execute<{ ws: number; plain: number }>(sql`
          select pg_column_size(window_seconds) as ws, pg_column_size(window_seconds || '{}'::bigint[]) as plain
          from usage_aggregates where account_id = ${accountId} and local_day = '2041-01-15'`);
        expect(row!.ws).toBe(row!.plain);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
  });
});
