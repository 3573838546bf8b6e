import { inject, expect, test } from 'vitest';
import { sql as q } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { databaseRecentlyUnavailable, isDatabaseUnavailable, noteDatabaseUnavailable, ServiceUnavailableError } from '@/lib/availability';
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
