import type postgres from 'postgres';
import type { Database } from '@/db/client';
import { rawClient } from '@/lib/settlement/raw';

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

/** Run `fn` holding the advisory lock `key` on a reserved connection; LOCK_BUSY if `try` found it taken. */
export async function withAccountLock<T>(db: Database, key: string, mode: 'wait' | 'try', fn: () => Promise<T>): Promise<T | typeof LOCK_BUSY> {
  const conn: postgres.ReservedSql = await rawClient(db).reserve();
  try {
    if (mode === 'try') {
      const [row] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok`;
      if (!row?.ok) return LOCK_BUSY;
    } else {
      // Bounded wait behind another drainer; the setting must not outlive this wait on a pooled connection.
      await conn`set lock_timeout = '120s'`;
      try {
        await conn`select pg_advisory_lock(hashtextextended(${key}, 0))`;
      } finally {
        await conn`reset lock_timeout`;
      }
    }
    try {
      return await fn();
    } finally {
      await conn`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
    }
  } finally {
    conn.release();
  }
}
