import { createHash } from 'node:crypto';
import type { RawSql } from '@/db/raw';

/**
 * Everything stored about one account: its row, its users, and every row of every table
 * with an `account_id` column (found in the catalog, so tables added later are covered).
 * Equal fingerprints before and after an attempt = the attempt changed nothing.
 */
export async function accountFingerprint(sql: RawSql, accountId: string): Promise<string> {
  const tables = await sql<{ table_name: string }[]>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'account_id' order by table_name`;
  const hash = createHash('sha256');
  const [acc] = await sql`select row_to_json(a)::text as j from accounts a where id = ${accountId}`;
  hash.update(`accounts:${acc?.j ?? ''}\n`);
  for (const { table_name } of tables) {
    const rows = await sql<{ j: string }[]>`select row_to_json(t)::text as j from ${sql(table_name)} t where account_id = ${accountId}`;
    hash.update(`${table_name}:${rows.map((r) => r.j).sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}
