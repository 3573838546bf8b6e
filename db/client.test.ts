import net from 'node:net';
import { sql as q } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { expect, test } from 'vitest';
import { databaseRecentlyUnavailable, noteDatabaseUnavailable, ServiceUnavailableError } from './availability';
import { users } from './schema';
import { createDb } from './client';

async function closedPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

function forgetOutage() {
  noteDatabaseUnavailable(0); // long ago
}

// Issue 13 item 13: with the database down, every query fails within about a second
// (then 503 + Retry-After), also after many failures; postgres.js's default backoff
// would make the 7th attempt wait ~7 s and later ones up to 20 s.
test('queries fail fast and keep failing fast while the database is unreachable', async () => {
  const { sql, close } = createDb(`postgres://nobody:x@127.0.0.1:${await closedPort()}/none`, { max: 1 });
  try {
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      const err = await sql`select 1`.catch((e: unknown) => e);
      expect(((err as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
      expect(performance.now() - t).toBeLessThan(1_500);
    }
  } finally {
    await close();
  }
}, 30_000);

// Issue 13 item 13: wherever a query fails for an outage (not only the guard's first query),
// the pool notes it before the caller sees the error and the error says "unavailable", so a
// page failing on its third query answers 503 (instrumentation.ts) with app/error.tsx's
// "briefly unavailable" state instead of a 500.
test('every kind of query failing for an outage notes it and surfaces as SERVICE_UNAVAILABLE', async () => {
  const { db, sql, close } = createDb(`postgres://nobody:x@127.0.0.1:${await closedPort()}/none`, { max: 1 });
  try {
    const kinds: [string, () => Promise<unknown>][] = [
      ['tagged template', () => sql`select 1`],
      ['unsafe().values()', () => sql.unsafe('select 1', []).values()],
      ['transaction', () => sql.begin((tx) => tx`select 1`)],
      ['reserved connection', () => sql.reserve()],
      ['drizzle select', () => db.select().from(users).limit(1)],
      ['drizzle execute', () => db.execute(q`select 1`)],
      ['drizzle transaction', () => db.transaction((tx) => tx.select().from(users).limit(1))],
    ];
    for (const [kind, run] of kinds) {
      forgetOutage();
      expect(databaseRecentlyUnavailable(), kind).toBe(false);
      const err = await run().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, kind).toBeInstanceOf(Error);
      expect(databaseRecentlyUnavailable(), kind).toBe(true);
      // What Next.js uses as the error's digest (it keeps an error's own digest).
      expect((err as { digest?: string }).digest, kind).toBe('SERVICE_UNAVAILABLE');
      expect(err instanceof ServiceUnavailableError || (err instanceof DrizzleQueryError && err.cause instanceof ServiceUnavailableError), kind).toBe(true);
    }
    // .catch() and .finally() on a query are mapped the same way.
    forgetOutage();
    let finallyRan = false;
    const caught = await sql`select 1`.finally(() => (finallyRan = true)).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(ServiceUnavailableError);
    expect(finallyRan).toBe(true);
  } finally {
    await close();
  }
}, 30_000);

test('a digest Next.js gives any other drizzle error is kept', () => {
  const err = new DrizzleQueryError('select 1', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
  expect((err as { digest?: string }).digest).toBeUndefined();
  (err as { digest?: string }).digest = '12345';
  expect((err as { digest?: string }).digest).toBe('12345');
});
