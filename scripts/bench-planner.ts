/**
 * `npm run bench:planner` (issue 11, jobs planned by events): the real-time loop's idle
 * pass with 100,000 accounts that have nothing due (goal: ≤ 50 ms). A fresh embedded
 * PostgreSQL; 10 accounts created through the service and drained by the loop (the idle
 * pass measured at 10 accounts), then the rest bulk-inserted with SQL, registered today
 * 00:00 local, their due-index entry at their first settlement (tomorrow 00:00 local):
 * what the planner writes for them, checked on a sample with `nextDueInstant`. Then
 * `workerTick` (the loop's whole pass: late-usage check, expired leases, due claims, the
 * delivery lane) is timed; and, for comparison, what the old loop did for every account
 * each pass (lock, plan, look for a due job), timed on a sample and scaled.
 *
 * Options (env): BENCH_ACCOUNTS (100000), BENCH_TICKS (50), BENCH_KEEP=1.
 */
import fs from 'node:fs';
import os from 'node:os';
import { sql as dsql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { createCustomerAccount } from '@/lib/accounts/service';
import { withAccountLock } from '@/lib/jobs/account-lane';
import { planAccount } from '@/lib/jobs/plan-account';
import { nextDueJob, recoverStaleRuns } from '@/lib/jobs/runner';
import { nextDueInstant } from '@/lib/jobs/schedule';
import { workerTick } from '@/lib/jobs/worker-loop';
import { addDays, localDate, startOfLocalDay } from '@/lib/time/local-date';
import { percentile, startBenchDatabase } from './bench-common';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const TICKS = Number(process.env.BENCH_TICKS ?? 50);
const SEEDED = 10;
const quiet = { workerId: 'bench', log: () => {} };

async function timeTicks(db: Parameters<typeof workerTick>[0], n: number): Promise<{ median: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const ran = await workerTick(db, quiet);
    ms.push(performance.now() - s);
    if (ran.length) throw new Error(`an idle pass ran ${ran.length} job(s): ${ran.map((r) => r.key).join(', ')}`);
  }
  ms.sort((a, b) => a - b);
  return { median: Number(percentile(ms, 50).toFixed(2)), p95: Number(percentile(ms, 95).toFixed(2)) };
}

async function main() {
  const bench = await startBenchDatabase('planner');
  const handle = createDb(bench.url, { max: 4 });
  const { db, sql } = handle;
  try {
    const today = localDate(new Date());
    for (let i = 0; i < SEEDED; i++) {
      await createCustomerAccount(db, { name: `Seeded ${i}`, email: `seeded-${i}@example.test`, password: 'bench-planner-password', passwordHash: 'x', currency: 'USD', registeredAt: startOfLocalDay(addDays(today, -3)) });
    }
    const first = await workerTick(db, quiet);
    console.log(`${SEEDED} accounts created and drained by the loop (${first.length} jobs); idle passes at ${SEEDED} accounts ...`);
    await sql`analyze`;
    const at10 = await timeTicks(db, TICKS);

    const bulk = ACCOUNTS - SEEDED;
    const registeredAt = startOfLocalDay(today);
    const firstDue = startOfLocalDay(addDays(today, 1));
    const t0 = performance.now();
    await sql`
      insert into accounts (name, currency, price_book_id, registered_at, monthly_free_minutes, balance, created_at)
      select 'Bulk ' || g, 'USD', 'trtc-2024-usd', ${registeredAt.toISOString()}::timestamptz, false, 100, now()
      from generate_series(1, ${bulk}) g`;
    // The insert trigger made each due now; their entry is what a drain writes: the first settlement.
    await sql`update job_planner_state s set next_due_at = ${firstDue.toISOString()}::timestamptz from accounts a where a.id = s.account_id and a.name like 'Bulk %'`;
    await sql`analyze`;
    console.log(`${bulk.toLocaleString('en-US')} accounts bulk-inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // The entry written above is the planner's: check a sample with the code the loop uses.
    const sample = await sql<{ id: string; next_due_at: Date }[]>`select a.id, s.next_due_at from accounts a join job_planner_state s on s.account_id = a.id where a.name like 'Bulk %' order by random() limit 50`;
    for (const r of sample) {
      const next = await nextDueInstant(db, r.id);
      if (next?.getTime() !== new Date(r.next_due_at).getTime()) throw new Error(`account ${r.id}: the planner says ${next?.toISOString()}, the bulk entry ${new Date(r.next_due_at).toISOString()}`);
    }
    const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from accounts`;
    const [{ due } = { due: 0 }] = await sql<{ due: number }[]>`select count(*)::int as due from job_planner_state where next_due_at <= now()`;
    if (due !== 0) throw new Error(`${due} accounts are due: not an idle pass`);
    console.log(`${n.toLocaleString('en-US')} accounts, none due; ${TICKS} idle passes ...`);
    const at100k = await timeTicks(db, TICKS);

    // The old loop: every account, every pass: its lock, stale runs, planning, a due job.
    const old = await sql<{ id: string }[]>`select id from accounts order by random() limit 200`;
    const s0 = performance.now();
    for (const { id } of old) {
      await withAccountLock(db, `drain:${id}`, 'try', async () => {
        await recoverStaleRuns(db, id, 'bench');
        const now = new Date();
        await planAccount(db, id, { until: now, now, usageThrough: 0 });
        await nextDueJob(db, id, now);
      });
    }
    const perAccount = (performance.now() - s0) / old.length;
    const plan = await db.execute<{ 'QUERY PLAN': string }>(dsql`explain select account_id from job_planner_state where next_due_at <= now() order by next_due_at limit 500`);

    const out = {
      accounts: n,
      idleTickMs: at100k.median,
      idleTickMsP95: at100k.p95,
      idleTickMsAt10Accounts: at10.median,
      ticks: TICKS,
      sweepMsPerAccountBefore: Number(perAccount.toFixed(2)),
      sweepTickSecondsBefore: Number(((perAccount * n) / 1000).toFixed(1)),
      dueQueryPlan: plan.map((r) => r['QUERY PLAN']).join(' | '),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    };
    console.log('');
    console.log(`Idle pass of the real-time loop (workerTick)`);
    console.log(`  ${SEEDED} accounts          median ${at10.median} ms   p95 ${at10.p95} ms`);
    console.log(`  ${n.toLocaleString('en-US')} accounts     median ${at100k.median} ms   p95 ${at100k.p95} ms   goal ≤ 50 ms`);
    console.log(`  before (a sweep)      ${out.sweepMsPerAccountBefore} ms per account → ${out.sweepTickSecondsBefore} s per pass at ${n.toLocaleString('en-US')} accounts`);
    console.log(`  due query             ${out.dueQueryPlan}`);
    console.log(`  load average ${out.loadAverage.join(' ')} on ${os.cpus().length} cores`);
    fs.mkdirSync('bench-out', { recursive: true });
    fs.writeFileSync('bench-out/planner.json', `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await handle.close();
    await bench.stop();
  }
}

await main();
