import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { testDb } from './db';

/**
 * Ready to shard by account (issue 11 item 4; docs/scale-out.md): the migrated schema must
 * distribute on Citus by `account_id` without change. Read from pg_catalog, so a table or
 * key added later is checked too:
 * - every tenant table has a NOT NULL `account_id` (the distribution column; `accounts`
 *   distributes by its own `id`);
 * - its primary key and every unique index lead with it (Citus enforces uniqueness only
 *   when the distribution column is in the key; leading with it also makes every key
 *   lookup a single-shard one);
 * - a foreign key from a tenant table to another tenant table carries the account on both
 *   sides, in the same position (co-located shards: the check stays on one node);
 * - no global/reference table points at a tenant table (Citus refuses a reference → distributed key).
 * Global tables are listed below, each with why it is not per account.
 */
const GLOBAL_TABLES: Record<string, string> = {
  users:
    'people sign in by email before any account is known, and admins belong to no account (lifecycle.md, People): one global table (a Citus reference table, or the coordinator); a customer row names its account without a foreign key (a reference table cannot point at a distributed one; accounts are never deleted)',
  user_sessions: 'sessions of users (global, keyed by user): checked on every request before the account is known',
  auth_tokens: 'one-time emailed links of users (global, keyed by user and token hash)',
  auth_requests: 'rate limits per client address or email, before any sign-in: belong to no account',
  sign_in_attempts: 'rate limits per email and address, before any sign-in: belong to no account',
  captured_emails: 'the development/test mailbox of the SMTP capture server; never written in production',
  job_planner_cursors: 'the real-time loop’s global usage cursor (one row per cursor name); per shard once usage is sharded (docs/scale-out.md)',
};

/** The distribution column of each tenant table: `account_id`, except the accounts table itself. */
const distributionColumn = (table: string) => (table === 'accounts' ? 'id' : 'account_id');

type Table = { name: string; columns: Map<number, { name: string; notNull: boolean }> };

async function readCatalog(schema = 'public') {
  const { db } = testDb();
  const tables = await db.execute<{ name: string; attnum: number; column: string; notnull: boolean }>(sql`
    select c.relname as name, a.attnum, a.attname as column, a.attnotnull as notnull
    from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where c.relnamespace = ${schema}::regnamespace and c.relkind in ('r', 'p') and not c.relispartition`);
  const byName = new Map<string, Table>();
  for (const r of tables) {
    const t = byName.get(r.name) ?? { name: r.name, columns: new Map() };
    t.columns.set(Number(r.attnum), { name: r.column, notNull: r.notnull });
    byName.set(r.name, t);
  }
  const keys = await db.execute<{ table: string; index: string; primary: boolean; columns: string }>(sql`
    select c.relname as table, i.relname as index, x.indisprimary as primary, x.indkey::text as columns
    from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
    where c.relnamespace = ${schema}::regnamespace and c.relkind in ('r', 'p') and not c.relispartition and x.indisunique`);
  const fks = await db.execute<{ name: string; table: string; ref: string; conkey: number[] | string; confkey: number[] | string }>(sql`
    select k.conname as name, c.relname as table, r.relname as ref, k.conkey, k.confkey
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
    where k.contype = 'f' and c.relnamespace = ${schema}::regnamespace and not c.relispartition and k.conparentid = 0`);
  return { tables: byName, keys, fks };
}

const ints = (v: number[] | string): number[] => (Array.isArray(v) ? v.map(Number) : v.replace(/[{}]/g, '').split(/[ ,]/).filter(Boolean).map(Number));

function shardProblems({ tables, keys, fks }: Awaited<ReturnType<typeof readCatalog>>, globalTables: Record<string, string>): string[] {
  const GLOBAL_TABLES = globalTables;
  const problems: string[] = [];
  const col = (table: string, attnum: number) => tables.get(table)?.columns.get(attnum)?.name ?? `#${attnum}`;
  const isTenant = (table: string) => !(table in GLOBAL_TABLES);

  for (const name of Object.keys(GLOBAL_TABLES)) if (!tables.has(name)) problems.push(`GLOBAL_TABLES lists ${name}, which does not exist: take it off`);

  for (const t of tables.values()) {
    if (!isTenant(t.name)) continue;
    const dist = [...t.columns.values()].find((c) => c.name === distributionColumn(t.name));
    if (!dist) problems.push(`${t.name}: no ${distributionColumn(t.name)} column (a tenant table needs the account, or list it in GLOBAL_TABLES with why)`);
    else if (!dist.notNull) problems.push(`${t.name}.${dist.name} may be null (Citus cannot place a row without its distribution value)`);
  }

  for (const k of keys) {
    if (!isTenant(k.table)) continue;
    const first = col(k.table, ints(k.columns)[0] ?? 0);
    if (first !== distributionColumn(k.table)) problems.push(`${k.table}: ${k.primary ? 'primary key' : 'unique index'} ${k.index} leads with ${first}, not ${distributionColumn(k.table)}`);
  }

  for (const f of fks) {
    const from = ints(f.conkey).map((n) => col(f.table, n));
    const to = ints(f.confkey).map((n) => col(f.ref, n));
    if (!isTenant(f.table)) {
      if (isTenant(f.ref)) problems.push(`${f.table} (global) → ${f.ref} (tenant): ${f.name}; a reference table cannot point at a distributed one`);
      continue;
    }
    if (!isTenant(f.ref)) continue; // tenant → reference: allowed
    const i = from.indexOf('account_id');
    if (i < 0 || to[i] !== distributionColumn(f.ref)) problems.push(`${f.table} → ${f.ref}: ${f.name} (${from.join(', ')}) → (${to.join(', ')}) does not carry account_id on both sides`);
  }
  return problems;
}

describe('schema ready to shard by account (issue 11 item 4)', () => {
  test('every tenant table has the account, its keys lead with it, and its foreign keys to tenant tables carry it', async () => {
    const catalog = await readCatalog();
    expect(catalog.tables.has('usage_records')).toBe(true);
    expect(catalog.keys.some((k) => k.table === 'bills' && k.primary)).toBe(true);
    expect(catalog.fks.some((f) => f.table === 'bill_lines' && f.ref === 'bills')).toBe(true);
    expect(shardProblems(catalog, GLOBAL_TABLES)).toEqual([]);
  });

  test('the check fails on a table that breaks the rules (a probe schema of its own)', async () => {
    const { db } = testDb();
    const probe = `shard_probe_${process.pid}`;
    await db.execute(sql.raw(`create schema ${probe}`));
    try {
      await db.execute(
        sql.raw(`
        create table ${probe}.accounts (id uuid primary key);
        create table ${probe}.people (id uuid primary key, account_id uuid references ${probe}.accounts (id));
        create table ${probe}.orders (id uuid primary key, account_id uuid not null references ${probe}.accounts (id), code text, unique (code));
        create table ${probe}.lines (account_id uuid not null, id bigint, order_id uuid references ${probe}.orders (id), primary key (account_id, id));
        create table ${probe}.notes (id bigint primary key, account_id uuid);`),
      );
      const problems = shardProblems(await readCatalog(probe), { people: 'global in this probe' });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^people \(global\) → accounts/),
          expect.stringMatching(/^orders: primary key .* leads with id/),
          expect.stringMatching(/^orders: unique index .* leads with code/),
          expect.stringMatching(/^lines → orders: .* does not carry account_id/),
          expect.stringMatching(/^notes\.account_id may be null/),
          expect.stringMatching(/^GLOBAL_TABLES lists|^notes: primary key/),
        ]),
      );
    } finally {
      await db.execute(sql.raw(`drop schema ${probe} cascade`));
    }
  });
});
