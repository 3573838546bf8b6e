import { expect, test, vi } from 'vitest';
import { sql as q } from 'drizzle-orm';
import { testDb } from '@/tests/db';
import { rawSqlOf } from './raw';

/**
 * The one raw-SQL path (db/raw.ts): the database's client is the pool (the handle's `sql`),
 * a transaction's is that transaction's own connection (it sees the transaction's uncommitted
 * work and shares its backend), nested transactions (savepoints) get theirs, and a handle
 * not made by createDb is refused rather than guessed.
 */
const { db, sql } = testDb();


test("rawSqlOf(db) is the pool beside the Drizzle instance (createDb's sql)", async () => {
  expect(rawSqlOf(db)).toBe(sql);
  const [row] = await rawSqlOf(db)<{ one: number }[]>`select 1 as one`;
  expect(row!.one).toBe(1);
});

test("rawSqlOf(tx) is the transaction's own connection, in its savepoints too", async () => {
  await db.transaction(async (tx) => {
    const raw = rawSqlOf(tx);
    expect(raw).not.toBe(sql);
    const [{ pid: drizzlePid }] = (await tx.execute<{ pid: number }>(q`select pg_backend_pid() as pid`)) as unknown as [{ pid: number }];
    const [rawRow] = await raw<{ pid: number }[]>`select pg_backend_pid() as pid`;
    expect(rawRow!.pid).toBe(drizzlePid);
    // Uncommitted work of the transaction is visible to its raw client (and only to it).
    await tx.execute(q`create temporary table raw_path_probe (n int) on commit drop`);
    await tx.execute(q`insert into raw_path_probe values (7)`);
    const [probe] = await raw<{ n: number }[]>`select n from raw_path_probe`;
    expect(probe!.n).toBe(7);
    await tx.transaction(async (inner) => {
      const innerRaw = rawSqlOf(inner);
      expect(innerRaw).not.toBe(raw);
      await inner.execute(q`insert into raw_path_probe values (8)`);
      const rows = await innerRaw<{ n: number }[]>`select n from raw_path_probe order by n`;
      expect(rows.map((r) => r.n)).toEqual([7, 8]);
    });
    // A cursor on the transaction's client (what settlement streams with).
    const seen: number[] = [];
    for await (const rows of raw<{ n: number }[]>`select n from raw_path_probe order by n`.cursor(1)) seen.push(...rows.map((r) => r.n));
    expect(seen).toEqual([7, 8]);
  });
});

test('two concurrent transactions each get their own client', async () => {
  const pids = await Promise.all(
    [0, 1].map((i) =>
      db.transaction(async (tx) => {
        await tx.execute(q`select pg_sleep(0.05)`);
        const pid = (await rawSqlOf(tx)<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
        const [{ pid: own }] = (await tx.execute<{ pid: number }>(q`select pg_backend_pid() as pid`)) as unknown as [{ pid: number }];
        expect(pid).toBe(own);
        return `${i}:${pid}`;
      }),
    ),
  );
  expect(new Set(pids.map((p) => p.split(':')[1])).size).toBe(2);
});

test('a handle not made by createDb is refused', () => {
  expect(() => rawSqlOf({} as never)).toThrow(/createDb/);
});

test("the server's lazy pool (db/index.ts) hands its raw client with its methods", async () => {
  const { db: serverDb } = await import('./index');
  const raw = rawSqlOf(serverDb);
  expect(typeof raw.begin).toBe('function');
  expect(typeof raw.reserve).toBe('function');
  const [row] = await raw.begin(async (tx) => tx<{ one: number }[]>`select 1 as one`);
  expect(row!.one).toBe(1);
});

test('another copy of db/raw.ts (Next bundles it into several server chunks) reads the same transactions', async () => {
  vi.resetModules();
  const copy = await import('./raw');
  expect(copy.rawSqlOf).not.toBe(rawSqlOf);
  await db.transaction(async (tx) => {
    expect(copy.rawSqlOf(tx)).toBe(rawSqlOf(tx));
  });
});
