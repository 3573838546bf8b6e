import { expect, test } from 'vitest';
import { inject } from 'vitest';
import { createDb } from '@/db/client';
import { withAccountLock } from './account-lane';

/**
 * The lane's lock lives on a reserved connection. When the server drops that connection while
 * a drain runs (an outage, a restart, pg_terminate_backend), postgres.js 3.4 can leave the next
 * query on it unsettled forever: the chaos test's worker hung in the unlock after PostgreSQL came
 * back (issue 13 item 13). The lane must end instead (its lock ended with the backend), never
 * touch the dead connection again, and the pool must still answer afterwards.
 */
test('a lane whose locked connection dies mid-drain ends without hanging or an uncaught error, and the pool still answers', async () => {
  const { db, sql, close } = createDb(inject('databaseUrl'), { max: 2 });
  const admin = createDb(inject('databaseUrl'), { max: 1 });
  const before = process.env.LANE_QUERY_TIMEOUT_MS;
  process.env.LANE_QUERY_TIMEOUT_MS = '3000';
  try {
    const key = `test-lane:${Date.now()}`;
    const started = Date.now();
    const outcome = await withAccountLock(db, key, 'try', async () => {
      // The backend holding the advisory lock is the lane's reserved connection: end it.
      await admin.sql`select pg_terminate_backend(l.pid) from pg_locks l where l.locktype = 'advisory' and l.granted and l.pid <> pg_backend_pid()`;
      await new Promise((r) => setTimeout(r, 300));
      return 'ran';
    }).then(
      (v) => v,
      (e: unknown) => e,
    );
    const took = Date.now() - started;
    expect(took).toBeLessThan(10_000);
    expect(outcome).toBe('ran');
    const settled = await Promise.race([sql`select 1 as one`.then((r) => r, (e: unknown) => e), new Promise((r) => setTimeout(() => r('hung'), 5_000))]);
    expect(settled).toEqual([{ one: 1 }]);
  } finally {
    if (before === undefined) delete process.env.LANE_QUERY_TIMEOUT_MS;
    else process.env.LANE_QUERY_TIMEOUT_MS = before;
    await admin.close();
    await close();
  }
}, 60_000);
