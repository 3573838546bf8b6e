import type { Database } from '@/db/client';
import { rawSqlOf, type RawReserved } from '@/db/raw';
import { ServiceUnavailableError } from '@/db/availability';
import { log } from '@/lib/log';

/**
 * The one mechanism behind both per-account queues (the job runner and the delivery lane):
 * - one drainer per account and lane at a time: a session-level advisory lock on a reserved
 *   connection, held for the whole drain and released by PostgreSQL if the process dies;
 *   `wait` queues behind another drainer (an advance), `try` skips a busy account (the loop);
 * - under the lock: put back what a dead drainer left claimed, then take the next due item,
 *   run it (its own conditional UPDATE claims it), and again, until nothing is due, the lane
 *   says stop (a job waiting for its retry), or `max` items ran.
 */
export type LaneStep<Item, Stop> = { item: Item } | { stop: Stop } | null;

export type LaneOptions<Item, Out, Stop> = {
  /** The queue's name (`drain` for jobs, `deliver` for deliveries): its own lock per account. */
  lane: string;
  accountId: string;
  lock: 'wait' | 'try';
  max: number;
  /** Put back items left claimed by a drainer that died (the lock proves it is gone). */
  recover: () => Promise<unknown>;
  /** The next due item, a reason to stop, or null when nothing is due. */
  next: () => Promise<LaneStep<Item, Stop>>;
  /** Claim and run one item; null when the claim was lost. */
  run: (item: Item) => Promise<Out | null>;
  /** Still under the lock, after the last item (the job runner writes the account's next due instant). */
  finish?: () => Promise<unknown>;
};

export type LaneResult<Out, Stop> = { ran: Out[]; stopped: Stop | null; busy: boolean };

export async function drainLane<Item, Out, Stop = never>(db: Database, o: LaneOptions<Item, Out, Stop>): Promise<LaneResult<Out, Stop>> {
  const ran: Out[] = [];
  const locked = await withAccountLock(db, `${o.lane}:${o.accountId}`, o.lock, async () => {
    await o.recover();
    let stopped: Stop | null = null;
    for (let i = 0; i < o.max; i++) {
      const step = await o.next();
      if (!step) break;
      if ('stop' in step) {
        stopped = step.stop;
        break;
      }
      const out = await o.run(step.item);
      if (out !== null) ran.push(out);
    }
    await o.finish?.();
    return stopped;
  });
  if (locked === LOCK_BUSY) return { ran, stopped: null, busy: true };
  return { ran, stopped: locked, busy: false };
}

export const LOCK_BUSY = Symbol('busy');

/**
 * Bound on a query on the lane's reserved connection. postgres.js 3.4 does not settle a query
 * written to a reserved connection the server has dropped (its socket is null: an uncaught
 * TypeError, then nothing); the chaos test's worker hung there after an outage (issue 13
 * item 13). A lane must fail as unavailable, not hang the worker.
 */
function laneQueryTimeoutMs(): number {
  const ms = Number(process.env.LANE_QUERY_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 30_000;
}

async function bounded<T>(query: PromiseLike<T>, ms: number, onHung: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onHung();
      reject(new ServiceUnavailableError(new Error(`lane lock query did not answer within ${ms} ms`)));
    }, ms);
  });
  try {
    return await Promise.race([query, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Run `fn` holding the advisory lock `key` on a reserved connection; LOCK_BUSY if `try` found it taken. */
export async function withAccountLock<T>(db: Database, key: string, mode: 'wait' | 'try', fn: () => Promise<T>): Promise<T | typeof LOCK_BUSY> {
  const pool = rawSqlOf(db);
  const conn: RawReserved = await pool.reserve();
  // A connection that died (or may have) never goes back to the pool: the next borrower would hang.
  let dead = false;
  const markDead = () => {
    dead = true;
  };
  const limit = laneQueryTimeoutMs();
  try {
    if (mode === 'try') {
      const [row] = await bounded(conn<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok`, limit, markDead);
      if (!row?.ok) return LOCK_BUSY;
    } else {
      // Bounded wait behind another drainer; the setting must not outlive this wait on a pooled connection.
      await bounded(conn`set lock_timeout = '120s'`, limit, markDead);
      try {
        await bounded(conn`select pg_advisory_lock(hashtextextended(${key}, 0))`, limit + 120_000, markDead);
      } finally {
        if (!dead) await bounded(conn`reset lock_timeout`, limit, markDead);
      }
    }
    // Who holds the lock: the reserved connection's backend, asked again before the unlock.
    const [me] = await bounded(conn<{ pid: number; started: Date }[]>`select pid, backend_start as started from pg_stat_activity where pid = pg_backend_pid()`, limit, markDead);
    try {
      return await fn();
    } finally {
      // Asked on the pool, never on the reserved connection: if its backend is gone, so is the
      // lock (PostgreSQL released it), and writing to that connection would never settle.
      const alive = await bounded(
        pool<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where pid = ${me!.pid} and backend_start = ${me!.started}`,
        limit,
        () => {},
      ).then((r) => r[0]!.n === 1, () => false);
      if (!alive) {
        markDead();
        log.warn({ lane: key }, 'lane lock connection was lost during the drain; its lock ended with it');
      } else {
        await bounded(conn`select pg_advisory_unlock(hashtextextended(${key}, 0))`, limit, markDead);
      }
    }
  } finally {
    if (!dead) conn.release();
  }
}
