import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { testDb } from './db';

/**
 * No index the database maintains for nothing. Leading every primary key with `account_id`
 * (issue 11 item 4, migration 0015) made nine `(account_id)` / `(account_id, id)` indexes
 * copies of their table's primary key, or its first column: each insert (a bill's 5,000 lines,
 * every ledger entry, audit row and notice) paid for a second B-tree that no query needed,
 * since a B-tree serves any leading prefix of its columns. Read from pg_catalog, so an index
 * added later is checked too: a plain (non-unique, no predicate, no expression) index whose
 * columns and operator classes begin another index of the same table is redundant.
 */
type Redundant = { table: string; index: string; coveredBy: string };

async function redundantIndexes(schema = 'public'): Promise<Redundant[]> {
  const { db } = testDb();
  const rows = await db.execute<{ table: string; index: string; covered_by: string }>(sql`
    select t.relname as table, ai.relname as index, bi.relname as covered_by
    from pg_index a
    join pg_index b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid
    join pg_class t on t.oid = a.indrelid
    join pg_class ai on ai.oid = a.indexrelid
    join pg_class bi on bi.oid = b.indexrelid
    where t.relnamespace = ${schema}::regnamespace and not t.relispartition
      and not a.indisunique and a.indpred is null and a.indexprs is null
      and b.indpred is null and b.indexprs is null
      and a.indnkeyatts <= b.indnkeyatts
      and (a.indkey::int2[])[0:a.indnkeyatts - 1] = (b.indkey::int2[])[0:a.indnkeyatts - 1]
      and (a.indclass::oid[])[0:a.indnkeyatts - 1] = (b.indclass::oid[])[0:a.indnkeyatts - 1]
      and (a.indoption::int2[])[0:a.indnkeyatts - 1] = (b.indoption::int2[])[0:a.indnkeyatts - 1]
      -- Two identical plain indexes: the later one is the redundant one.
      and not (not b.indisunique and a.indnkeyatts = b.indnkeyatts and a.indexrelid < b.indexrelid)
    order by 1, 2, 3`);
  return rows.map((r) => ({ table: r.table, index: r.index, coveredBy: r.covered_by }));
}

describe('indexes', () => {
  test('no plain index is a leading part of another index of its table', async () => {
    expect(await redundantIndexes()).toEqual([]);
  });

  test('the check finds a copy of the primary key, its first column and a duplicate (a probe schema of its own)', async () => {
    const { db } = testDb();
    const probe = `index_probe_${process.pid}`;
    await db.execute(sql.raw(`create schema ${probe}`));
    try {
      await db.execute(
        sql.raw(`
        create table ${probe}.lines (account_id uuid not null, id bigint not null, bill_id bigint, primary key (account_id, id));
        create index lines_copy_idx on ${probe}.lines (account_id, id);
        create index lines_account_idx on ${probe}.lines (account_id);
        create index lines_bill_idx on ${probe}.lines (bill_id);
        create index lines_bill_again_idx on ${probe}.lines (bill_id);
        create index lines_bill_desc_idx on ${probe}.lines (bill_id desc);
        create index lines_id_idx on ${probe}.lines (id);
        create index lines_open_idx on ${probe}.lines (account_id) where bill_id is null;`),
      );
      expect(await redundantIndexes(probe)).toEqual([
        { table: 'lines', index: 'lines_account_idx', coveredBy: 'lines_copy_idx' },
        { table: 'lines', index: 'lines_account_idx', coveredBy: 'lines_pkey' },
        { table: 'lines', index: 'lines_bill_again_idx', coveredBy: 'lines_bill_idx' },
        { table: 'lines', index: 'lines_copy_idx', coveredBy: 'lines_pkey' },
      ]);
    } finally {
      await db.execute(sql.raw(`drop schema ${probe} cascade`));
    }
  });
});
