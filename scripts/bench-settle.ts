/**
 * `npm run bench:settle` (issue 11 item 7): settle one local day of BENCH_RECORDS usage
 * records (1,000,000) over BENCH_APPS applications (1,000), beside a plain `GROUP BY
 * application` over the same day's raw records in a plain indexed table, same server, same
 * run; figures to bench-out/settle.json.
 *
 * A fresh benchmark database on its own embedded PostgreSQL (never the dev database); the
 * records of ../shared/bench/make-usage.mjs (its copy in bench-common.ts) stored the way the
 * usage API and import store them (lib/usage/store.ts: raw records and the aggregates kept at
 * ingest, 10,000-record batches), then:
 * - the day settled from the batches' partial rows as they are (rolled back: the figure
 *   without compaction);
 * - the day's aggregates compacted (lib/usage/compact.ts; it runs beside ingest during the day);
 * - the day settled exactly as the job runs it (one transaction writing the bill, lines,
 *   deductions with this month's free minutes, and the ledger entry), SETTLE_RUNS times (3; the
 *   machine may be shared): the fastest is `settleSeconds`, every run in `settleRunsSeconds`, the
 *   fastest's phases (wall and CPU ms) in `settlePhasesMs`; only the last run is kept;
 * - the same day settled from the raw records (the path before issue 11, rolled back) when
 *   BENCH_COMPARE=1 (default for up to 1,000,000 records).
 *
 * Options (env): BENCH_RECORDS, BENCH_APPS, BENCH_COMPARE, BENCH_VACUUM=0 (no vacuum after the
 * compaction: autovacuum not yet woken), BENCH_KEEP=1 keeps the data dir,
 * BENCH_PROFILE=<dir> writes a CPU profile of the timed settlements.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import os from 'node:os';
import { createDb } from '@/db/client';
import { classifyRecord, getPriceBook, type UsageRecord } from '@/lib/rating';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { settleDay, type SettleDayResult } from '@/lib/settlement/settle-day';
import type { ValidRecord } from '@/lib/usage/batch';
import { compactDay } from '@/lib/usage/compact';
import { storeUsageBatch } from '@/lib/usage/store';
import { makeUsageLines, mb, startBenchDatabase } from './bench-common';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const APPS = Number(process.env.BENCH_APPS ?? 1000);
const DAY = '2024-10-01';
const FIRST_APP = 1_400_000_000;

/** The generator's lines for one day (../shared/bench/make-usage.mjs N APPS 1). */
function* usageLines(): Generator<string> {
  for (const { line } of makeUsageLines({ n: RECORDS, apps: APPS, days: 1 })) yield line;
}

/**
 * BENCH_PROFILE=<dir>: a V8 CPU profile of this process over the timed settlements only
 * (node:inspector), written to <dir>/settle-<time>.cpuprofile for Chrome DevTools.
 */
async function startProfiler(dir: string | undefined): Promise<{ stop(): Promise<void> }> {
  if (!dir) return { stop: async () => {} };
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `settle-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`CPU profile of the timed settlements: ${file}`);
    },
  };
}

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('rollback');
  }
}

async function main() {
  // Compaction is timed on its own below: none in the background while the records are stored
  // (lib/usage/compact.ts compactSoon would merge the day every 200 batches, inside the load time).
  process.env.USAGE_COMPACT_EVERY ??= '0';
  const bench = await startBenchDatabase('settle');
  const { url } = bench;
  const handle = createDb(url, { max: 4 });
  const { sql, db } = handle;
  const book = getPriceBook('trtc-2024-usd');
  const COMPARE = process.env.BENCH_COMPARE ? process.env.BENCH_COMPARE === '1' : RECORDS <= 1_000_000;
  try {
    // One account (USD, registered after 2023-02-21), 1,000 applications, this month's free minutes.
    const [acc] = await sql<{ id: string }[]>`
      insert into accounts (name, currency, price_book_id, registered_at, balance) values ('Bench Co', 'USD', 'trtc-2024-usd', '2024-09-15T00:00:00+08:00', 100000) returning id`;
    const accountId = acc!.id;
    await sql`
      insert into applications (account_id, sdk_app_id, name, secret_key_hash, secret_key_hint, edition, created_at)
      select ${accountId}, ${FIRST_APP} + g, 'App ' || g, 'x', 'xxxx', 'lite', '2024-09-15T00:00:00+08:00' from generate_series(0, ${APPS - 1}) g`;
    await sql`
      insert into free_minute_grants (account_id, minutes, valid_from, valid_to, granted_at)
      values (${accountId}, 10000, '2024-09-15', '2024-10-14', '2024-09-15T00:00:00+08:00')`;

    console.log(`Generating and storing ${RECORDS.toLocaleString('en-US')} records for ${APPS} applications (usage store, 10,000-record batches) ...`);
    const t0 = performance.now();
    // Four batches in flight, as four ingest clients would send them.
    let batch: ValidRecord[] = [];
    let batches = 0;
    const inFlight = new Set<Promise<unknown>>();
    const flush = async () => {
      if (!batch.length) return;
      const records = batch;
      batch = [];
      const p = storeUsageBatch(sql, { accountId, sdkAppId: null, source: 'import', idempotencyKey: `bench-${batches++}`, bodySha256: 'x', receivedAt: new Date(), timeZone: book.timeZone, book, records });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      if (inFlight.size >= 4) await Promise.race(inFlight);
    };
    for (const line of usageLines()) {
      const record = JSON.parse(line) as UsageRecord;
      batch.push({ record, pieces: classifyRecord(book, record), text: line });
      if (batch.length === 10_000) await flush();
    }
    await flush();
    await Promise.all(inFlight);
    // The plain table: the same raw rows, nothing else, indexed by (account, day).
    await sql`create table bench_plain_usage as select account_id, sdk_app_id, local_day, seconds, record from usage_records`;
    await sql`create index on bench_plain_usage (account_id, local_day)`;
    await sql`analyze`;
    const [count] = await sql<{ n: string; days: string; partials: string }[]>`
      select count(*) as n, count(distinct local_day) as days, (select count(*) from usage_aggregates where local_day = ${DAY}) as partials from usage_records`;
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`Stored ${Number(count!.n).toLocaleString('en-US')} records (${count!.days} local day(s), ${Number(count!.partials).toLocaleString('en-US')} partial aggregate rows on ${DAY}) in ${loadSeconds.toFixed(1)} s.`);

    const aggregate = async () => {
      const s = performance.now();
      const rows = await sql`select sdk_app_id, sum(seconds) from bench_plain_usage where account_id = ${accountId} and local_day = ${DAY} group by sdk_app_id`;
      return { ms: performance.now() - s, groups: rows.length };
    };
    await aggregate();
    const agg = await aggregate();

    const settle = async (source: 'aggregates' | 'records', keep: boolean, timings?: Record<string, number>) => {
      const s = performance.now();
      const throughId = await safeUsageWatermark(db);
      let result: SettleDayResult;
      try {
        result = await db.transaction(async (tx) => {
          const r = await settleDay(tx, { accountId, day: DAY, now: new Date('2024-10-02T00:00:00+08:00'), throughId, mode: 'daily', source, timings });
          if (!keep) throw new Rollback(r);
          return r;
        });
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
        result = e.value as SettleDayResult;
      }
      if (result.outcome !== 'billed') throw new Error(`unexpected settlement outcome ${JSON.stringify(result)}`);
      return { ms: performance.now() - s, result };
    };

    const uncompacted = await settle('aggregates', false);
    console.log(`Settled from the ${Number(count!.partials).toLocaleString('en-US')} partial rows (rolled back) in ${(uncompacted.ms / 1000).toFixed(2)} s.`);
    const fromRecords = COMPARE ? await settle('records', false) : null;
    if (fromRecords) console.log(`Settled from the raw records (rolled back) in ${(fromRecords.ms / 1000).toFixed(2)} s.`);
    if (fromRecords && (fromRecords.result as { total: string }).total !== (uncompacted.result as { total: string }).total) throw new Error('the two paths disagree');
    const c0 = performance.now();
    const compacted = await compactDay(sql, accountId, DAY);
    const compactMs = performance.now() - c0;
    console.log(`Compacted ${compacted.rowsBefore.toLocaleString('en-US')} partial rows into ${compacted.rowsAfter.toLocaleString('en-US')} in ${(compactMs / 1000).toFixed(2)} s.`);
    // Compaction leaves the day's partial rows dead in the partition and its (account, day) index;
    // autovacuum clears them once they pass its threshold (20 % of the table), hours before the
    // day is settled at the next local midnight. Done here at once (BENCH_VACUUM=0 skips it), so
    // the timing does not depend on whether autovacuum has woken yet.
    if (process.env.BENCH_VACUUM !== '0') {
      const v0 = performance.now();
      await sql`vacuum (analyze) usage_aggregates`;
      console.log(`Vacuumed usage_aggregates after the compaction in ${((performance.now() - v0) / 1000).toFixed(2)} s.`);
    }

    let peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    // The machine is shared: the settlement is timed SETTLE_RUNS times (default 3), the first
    // ones rolled back, the last one kept (the bill, lines, deductions and ledger entry stay);
    // settleSeconds is the fastest, as plainGroupBySeconds is the faster of its two runs.
    const RUNS = Math.max(1, Number(process.env.SETTLE_RUNS ?? 3));
    const runs: { ms: number; timings: Record<string, number> }[] = [];
    let settled!: Awaited<ReturnType<typeof settle>>;
    const profiler = await startProfiler(process.env.BENCH_PROFILE);
    for (let i = 0; i < RUNS; i++) {
      const timings: Record<string, number> = {};
      settled = await settle('aggregates', i === RUNS - 1, timings);
      runs.push({ ms: settled.ms, timings });
    }
    await profiler.stop();
    clearInterval(sampler);
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const result = settled.result as Extract<SettleDayResult, { outcome: 'billed' }>;
    const agg2 = await aggregate();
    if ((uncompacted.result as typeof result).total !== result.total) throw new Error('compaction changed the bill');

    const aggMs = Math.min(agg.ms, agg2.ms);
    const out = {
      records: result.records,
      applications: APPS,
      settleSeconds: Number((best.ms / 1000).toFixed(3)),
      plainGroupBySeconds: Number((aggMs / 1000).toFixed(3)),
      ratio: Number((best.ms / aggMs).toFixed(2)),
      settleRunsSeconds: runs.map((r) => Number((r.ms / 1000).toFixed(3))),
      /** Of the fastest run: ms per phase of settleDay (wall), and `<phase>Cpu` this process's CPU ms. */
      settlePhasesMs: best.timings,
      partialRows: Number(count!.partials),
      compactedRows: compacted.rowsAfter,
      compactSeconds: Number((compactMs / 1000).toFixed(2)),
      settleUncompactedSeconds: Number((uncompacted.ms / 1000).toFixed(2)),
      settleFromRecordsSeconds: fromRecords ? Number((fromRecords.ms / 1000).toFixed(2)) : null,
      loadSeconds: Number(loadSeconds.toFixed(1)),
      peakRssMB: Math.round(peakRss / 1024 / 1024),
      rssBeforeMB: Math.round(baseRss / 1024 / 1024),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      cores: os.cpus().length,
      bill: { number: result.billNumber, lines: result.lines, total: `${result.total} ${result.currency}` },
    };
    console.log('');
    console.log(`Settlement of ${DAY}: ${out.records.toLocaleString('en-US')} records, ${APPS} applications, ${result.lines} bill lines, total ${out.bill.total}`);
    console.log(`  settle the day (compacted aggregates)   ${out.settleSeconds.toFixed(3)} s   fastest of ${RUNS} (${out.settleRunsSeconds.join(', ')} s), peak RSS ${mb(peakRss)} (before ${mb(baseRss)})`);
    console.log(`    phases (ms, wall / CPU of this process) ${Object.keys(best.timings).filter((k) => !k.endsWith('Cpu')).map((k) => `${k} ${best.timings[k]}/${best.timings[`${k}Cpu`] ?? '-'}`).join(', ')}`);
    console.log(`  plain SQL GROUP BY application          ${out.plainGroupBySeconds.toFixed(3)} s   (${agg.groups} groups, plain indexed table, same rows, same server)`);
    console.log(`  ratio                                   ${out.ratio}x   goal: <= 3x`);
    console.log(`  settle from the batches' partial rows   ${out.settleUncompactedSeconds.toFixed(2)} s   (${out.partialRows.toLocaleString('en-US')} rows, before compaction)`);
    console.log(`  compaction                              ${out.compactSeconds.toFixed(2)} s   (${out.partialRows.toLocaleString('en-US')} → ${out.compactedRows.toLocaleString('en-US')} rows; runs beside ingest)`);
    if (fromRecords) console.log(`  settle from the raw records (before)    ${out.settleFromRecordsSeconds!.toFixed(2)} s   (same bill total)`);
    console.log(`  load average ${out.loadAverage.join(' ')} on ${out.cores} cores`);
    fs.mkdirSync('bench-out', { recursive: true });
    fs.writeFileSync('bench-out/settle.json', `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await handle.close();
    await bench.stop();
  }
}

await main();
