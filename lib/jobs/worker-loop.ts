import type { Database } from '@/db/client';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { drainDueDeliveries } from '@/lib/deliveries/drain';
import { drainAccount, type RunSummary } from './runner';
import { log as rootLog } from '@/lib/log';
import { accountsWithExpiredLeases, claimDueAccounts, markAccountsWithLateUsage, refreshSchedule, type DueAccount } from './schedule';

export type WorkerLoop = { stop: () => Promise<void>; tick: () => Promise<RunSummary[]> };

/** Accounts claimed at a time; a pass claims batches until none is due. */
export const CLAIM_BATCH = 200;
const MAX_ROUNDS = 10_000;
const MAX_DRAINS_PER_PASS = 3;

/**
 * The real-time loop (lifecycle.md, Time: "in production, the clock is the real time").
 * Every `intervalMs` it drains the accounts that have work, found by the due index
 * (schedule.ts), not by visiting every account, so an idle pass costs the same for ten
 * accounts or a hundred thousand:
 * - new usage on settled days makes its accounts due (late usage, adjustment bills);
 * - accounts due by now are claimed (SKIP LOCKED plus a claim lease), drained up to now,
 *   and their next due instant written; an account on a test clock is not drained (its
 *   advances run its jobs), its entry is cleared;
 * - a job left `running` past its lease (a dead worker) is taken up again, on a test-clock
 *   account up to the clock's time.
 * Several loops (app processes, `npm run worker`) may run at once: they claim different
 * accounts, and the per-account lock keeps a job from running twice in any case.
 */
export function startWorkerLoop(db: Database, options: { intervalMs?: number; workerId: string; log?: (m: string) => void }): WorkerLoop {
  const interval = options.intervalMs ?? 10_000;
  const log = options.log ?? workerLogLine(options.workerId);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  const tick = () => workerTick(db, { workerId: options.workerId, log, stopped: () => stopped });

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((err) => log(`[worker] tick failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          running = null;
          schedule(interval);
        });
    }, delayMs);
  };
  // The first pass soon after start, so jobs that came due while no worker ran do not wait a whole interval.
  schedule(500);

  return {
    tick,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}

/** The worker's lines as JSON with its id (lib/log.ts, issue 14 item 7); failures at warn. A caller may collect the lines instead (chaos test). */
function workerLogLine(workerId: string): (m: string) => void {
  const workerLog = rootLog.child({ workerId });
  return (m) => (/ failed|^\[worker\] (account|deliveries)/.test(m) ? workerLog.warn(m) : workerLog.info(m));
}

/** One pass of the loop (exported for tests and the planner benchmark). */
export async function workerTick(db: Database, options: { workerId: string; log?: (m: string) => void; stopped?: () => boolean; claimBatch?: number }): Promise<RunSummary[]> {
  const log = options.log ?? workerLogLine(options.workerId);
  const stopped = options.stopped ?? (() => false);
  const ran: RunSummary[] = [];
  const drain = async (a: DueAccount, usageThrough?: number) => {
    const until = a.clock ?? new Date();
    try {
      // `now` is the pass's instant: late usage found now is billed by an adjustment due now,
      // inside this drain (a `now` a moment after `until` left it unplanned for good).
      const r = await drainAccount(db, a.accountId, { until, now: () => until, workerId: options.workerId, lock: 'try', usageThrough });
      ran.push(...r.ran);
      for (const s of r.ran) if (s.outcome === 'failed') log(`[worker] ${s.key} failed: ${s.error}`);
    } catch (err) {
      log(`[worker] account ${a.accountId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  await markAccountsWithLateUsage(db);

  // Jobs left running by a dead worker, once their lease is over (test-clock accounts too).
  for (const a of await accountsWithExpiredLeases(db)) {
    if (stopped()) break;
    await drain(a);
  }

  // Claim due accounts batch by batch until none is due (00:00 local: every account's
  // settlement), so a busy instant is worked through in one pass, and by every worker at once.
  // An account due again within the pass (its next job came due meanwhile) is drained again,
  // at most a few times; after that its claim lease carries it to a later pass.
  const drained = new Map<string, number>();
  let usageThrough: number | undefined;
  for (let round = 0; round < MAX_ROUNDS && !stopped(); round++) {
    const due = await claimDueAccounts(db, { limit: options.claimBatch ?? CLAIM_BATCH });
    const fresh = due.filter((a) => (drained.get(a.accountId) ?? 0) < MAX_DRAINS_PER_PASS);
    if (fresh.length === 0) break;
    // One brief SHARE lock per pass, not per account.
    if (usageThrough === undefined && fresh.some((a) => !a.clock)) usageThrough = await safeUsageWatermark(db);
    for (const a of fresh) {
      if (stopped()) break;
      drained.set(a.accountId, (drained.get(a.accountId) ?? 0) + 1);
      if (a.clock) await refreshSchedule(db, a.accountId).catch((err: unknown) => log(`[worker] account ${a.accountId}: ${err instanceof Error ? err.message : String(err)}`));
      else await drain(a, usageThrough);
    }
  }
  if (ran.length) log(`[worker] ran ${ran.length} job(s): ${summarize(ran)}`);

  // The delivery lane (lib/deliveries): its own pass, so a delivery waiting for a retry holds no job back.
  if (!stopped()) {
    const sent = await drainDueDeliveries(db, { workerId: options.workerId, log }).catch((err: unknown) => {
      log(`[worker] deliveries: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    });
    if (sent.length) log(`[worker] ${sent.length} delivery attempt(s): ${sent.filter((d) => d.outcome === 'delivered').length} delivered`);
  }
  return ran;
}

function summarize(ran: RunSummary[]): string {
  const byKind = new Map<string, number>();
  for (const r of ran) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  return [...byKind].map(([k, n]) => `${n} ${k}`).join(', ');
}
