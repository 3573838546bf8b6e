import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testClocksEnabled } from '@/lib/clock/app-env';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { drainDueDeliveries } from '@/lib/deliveries/drain';
import { drainAccount, type RunSummary } from './runner';
import { log as rootLog } from '@/lib/log';

export type WorkerLoop = { stop: () => Promise<void>; tick: () => Promise<RunSummary[]> };

/**
 * The real-time loop (lifecycle.md, Time: "in production, the clock is the real time"):
 * every `intervalMs`, plan and drain each account that has no test clock, up to now.
 * Accounts with a test clock are only ever drained by an advance. Several loops (app
 * processes, `npm run worker`) may run at once: each account is drained by whichever
 * takes its lock first, the others skip it.
 */
export function startWorkerLoop(db: Database, options: { intervalMs?: number; workerId: string; log?: (m: string) => void }): WorkerLoop {
  const interval = options.intervalMs ?? 10_000;
  // The worker's passes as JSON lines with its id (lib/log.ts); a caller may collect the lines instead (chaos test).
  const workerLog = rootLog.child({ workerId: options.workerId });
  const log = options.log ?? ((m: string) => (/ failed|^\[worker\] (account|deliveries)/.test(m) ? workerLog.warn(m) : workerLog.info(m)));
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function tick(): Promise<RunSummary[]> {
    const clocks = testClocksEnabled();
    const rows = await db.execute<{ id: string }>(sql`
      select a.id from accounts a
      where a.status <> 'reclaimed'
        and (${!clocks} or not exists (select 1 from test_clocks c where c.account_id = a.id))
      order by a.created_at`);
    const ran: RunSummary[] = [];
    // One brief SHARE lock per pass, not per account.
    const usageThrough = rows.length ? await safeUsageWatermark(db) : 0;
    for (const { id } of rows) {
      if (stopped) break;
      try {
        const r = await drainAccount(db, id, { until: new Date(), now: () => new Date(), workerId: options.workerId, lock: 'try', usageThrough });
        ran.push(...r.ran);
        for (const s of r.ran) if (s.outcome === 'failed') log(`[worker] ${s.key} failed: ${s.error}`);
      } catch (err) {
        log(`[worker] account ${id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (ran.length) log(`[worker] ran ${ran.length} job(s): ${summarize(ran)}`);
    // The delivery lane (lib/deliveries): its own pass, so a delivery waiting for a retry holds no job back.
    if (!stopped) {
      const sent = await drainDueDeliveries(db, { workerId: options.workerId, log }).catch((err: unknown) => {
        log(`[worker] deliveries: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      });
      if (sent.length) log(`[worker] ${sent.length} delivery attempt(s): ${sent.filter((d) => d.outcome === 'delivered').length} delivered`);
    }
    return ran;
  }

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

function summarize(ran: RunSummary[]): string {
  const byKind = new Map<string, number>();
  for (const r of ran) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  return [...byKind].map(([k, n]) => `${n} ${k}`).join(', ');
}
