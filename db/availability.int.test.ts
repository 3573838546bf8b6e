import { inject, expect, test } from 'vitest';
import { sql as q } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { databaseRecentlyUnavailable, isDatabaseUnavailable, noteDatabaseUnavailable, ServiceUnavailableError } from './availability';
import { testDb } from '@/tests/db';
import { createDb } from './client';

/**
 * Issue 13 item 13 against a real server: a connection that PostgreSQL ends under a running
 * query (as when it is stopped) surfaces as SERVICE_UNAVAILABLE and is noted at
 * once; the same pool answers the next query (no restart); other errors are untouched.
 */
const { sql: admin } = testDb();

function rootCode(err: unknown): string | undefined {
  let cur = err as { code?: string; cause?: unknown } | undefined;
  while (cur?.cause) cur = cur.cause as typeof cur;
  return cur?.code;
}

test('a query whose connection the server ends is an outage; the pool answers again afterwards', async () => {
  const { db, sql, close } = createDb(inject('databaseUrl'), { max: 1 });
  try {
    const [{ pid }] = (await sql`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
    noteDatabaseUnavailable(0);
    const running = db.execute(q`select pg_sleep(5)`).then(
      () => null,
      (e: unknown) => e,
    );
    // Wait until the sleep runs, then end that backend as a shutdown would.
    for (let i = 0; i < 50; i++) {
      const [row] = await admin`select state from pg_stat_activity where pid = ${pid}`;
      if (row?.state === 'active') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin`select pg_terminate_backend(${pid})`;
    const err = await running;
    expect(err instanceof ServiceUnavailableError || (err instanceof DrizzleQueryError && err.cause instanceof ServiceUnavailableError)).toBe(true);
    // postgres.js reports it as 57P01 or CONNECTION_CLOSED, depending on which it reads first.
    expect(['57P01', 'CONNECTION_CLOSED']).toContain(rootCode(err));
    expect((err as { digest?: string }).digest).toBe('SERVICE_UNAVAILABLE');
    expect(databaseRecentlyUnavailable()).toBe(true);
    // The same pool reconnects by itself (a query queued on the dying connection may fail first).
    let answer: unknown = null;
    for (let i = 0; i < 10 && !answer; i++) {
      answer = await sql`select 1 as one`.catch(() => new Promise((r) => setTimeout(() => r(null), 200)));
    }
    expect(answer).toEqual([{ one: 1 }]);
  } finally {
    await close();
  }
});

test('errors that are not an outage pass through unchanged and note nothing', async () => {
  const { db, sql, close } = createDb(inject('databaseUrl'), { max: 2 });
  try {
    noteDatabaseUnavailable(0);
    const syntax = await sql`selec 1`.catch((e: unknown) => e);
    expect(syntax).toMatchObject({ code: '42601' });
    expect(syntax).not.toBeInstanceOf(ServiceUnavailableError);
    const inTx = await sql.begin((tx) => tx`select 1/0`).catch((e: unknown) => e);
    expect(inTx).toMatchObject({ code: '22012' });
    const drizzleErr = await db.execute(q`select 1/0`).catch((e: unknown) => e);
    expect(drizzleErr).toBeInstanceOf(DrizzleQueryError);
    expect(isDatabaseUnavailable(drizzleErr)).toBe(false);
    expect((drizzleErr as { digest?: string }).digest).toBeUndefined();
    expect(databaseRecentlyUnavailable()).toBe(false);
    // Results and chained methods are the driver's own.
    expect(await sql.unsafe('select 2 as two', []).values()).toEqual([[2]]);
    expect(await sql.begin(async (tx) => (await tx`select 3 as three`)[0])).toEqual({ three: 3 });
  } finally {
    await close();
  }
});

// postgres.js 3.4 does not notice on a reserved handle that the server closed its connection:
// a query on it is written to a null socket (uncaught TypeError) and never settles, and
// release() puts the dead connection back in the pool's open list. After the outage was met
// (here: the server refusing a connection), the handle refuses at once and is not released.
test('a reserved connection held across an outage fails fast and does not poison the pool', async () => {
  const { sql, close } = createDb(inject('databaseUrl'), { max: 1 });
  const gone = createDb(`postgres://nobody:x@127.0.0.1:${await closedPort()}/none`, { max: 1 });
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    const conn = await sql.reserve();
    const [{ pid }] = (await conn`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
    await admin`select pg_terminate_backend(${pid})`;
    await new Promise((r) => setTimeout(r, 300)); // the close reaches postgres.js
    // The outage is met elsewhere (a connection refused), as the worker's other queries meet it.
    await gone.sql`select 1`.catch(() => null);
    const err = await Promise.race([conn`select pg_advisory_unlock(1)`.then(() => 'answered', (e: unknown) => e), new Promise((r) => setTimeout(() => r('hung'), 5_000))]);
    expect(isDatabaseUnavailable(err)).toBe(true);
    conn.release();
    const settled = await Promise.race([
      sql`select 1 as one`.then((r) => r, (e: unknown) => e),
      new Promise((r) => setTimeout(() => r('hung'), 5_000)),
    ]);
    expect(settled).toEqual([{ one: 1 }]);
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
    await gone.close();
    await close();
  }
});

test('a reserved connection without an outage works and goes back to the pool', async () => {
  const { sql, close } = createDb(inject('databaseUrl'), { max: 1 });
  try {
    const conn = await sql.reserve();
    expect(await conn`select 5 as five`).toEqual([{ five: 5 }]);
    conn.release();
    expect(await sql`select 6 as six`).toEqual([{ six: 6 }]);
  } finally {
    await close();
  }
});

async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as import('node:net').AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}
