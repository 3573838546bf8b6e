/**
 * `npm run bench:settle`: settle one day of 1,000,000 usage records for 1,000 applications
 * (lifecycle.md, Settlement and bills; issue 5 goal: under 60 s on the 2-core machine and
 * within 3x of a plain SQL aggregate over the same rows on the same server).
 *
 * A fresh benchmark database on its own embedded PostgreSQL (never the dev database), the
 * records of ../shared/bench/make-usage.mjs (its copy in bench-common.ts) loaded with
 * COPY, then: the settlement of the day exactly as the job runs it (cursor stream through
 * lib/rating with the free minutes, one transaction writing the bill, lines, deductions and
 * the ledger entry), and `select sdk_app_id, sum(seconds) ... group by` over the same rows.
 *
 * Options (env): BENCH_RECORDS (1000000), BENCH_APPS (1000), BENCH_KEEP=1 keeps the data dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { createDb } from '@/db/client';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { settleDay } from '@/lib/settlement/settle-day';
import { copyEscape } from '@/lib/usage/store';
import { makeUsageLines, mb, startBenchDatabase } from './bench-common';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const APPS = Number(process.env.BENCH_APPS ?? 1000);
const DAY = '2024-10-01';
const FIRST_APP = 1_400_000_000;

/** The generator's lines for one day (../shared/bench/make-usage.mjs N APPS 1). */
function* usageLines(): Generator<string> {
  for (const { line } of makeUsageLines({ n: RECORDS, apps: APPS, days: 1 })) yield line;
}

async function main() {
  const bench = await startBenchDatabase('settle');
  const { url } = bench;
  const handle = createDb(url, { max: 4 });
  const { sql, db } = handle;
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
    const [batch] = await sql<{ id: string }[]>`
      insert into usage_batches (account_id, source, idempotency_key, record_count, received_at) values (${accountId}, 'import', 'bench', ${RECORDS}, now()) returning id`;

    console.log(`Generating and loading ${RECORDS.toLocaleString('en-US')} records for ${APPS} applications (COPY) ...`);
    const t0 = performance.now();
    const receivedAt = new Date().toISOString();
    const prefix = `${accountId}\t`;
    async function* rows() {
      let chunk = '';
      let n = 0;
      for (const line of usageLines()) {
        if (!line) continue;
        const r = JSON.parse(line) as { app: number; start: string; seconds: number };
        chunk += `${prefix}${r.app}\t${batch!.id}\tmedia\t${r.start}\t${r.start.slice(0, 10)}\t${r.seconds}\t${copyEscape(line)}\t${receivedAt}\n`;
        if (++n % 5000 === 0) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    const writable = await sql`copy usage_records (account_id, sdk_app_id, batch_id, type, start, local_day, seconds, record, received_at) from stdin`.writable();
    await pipeline(Readable.from(rows()), writable);
    await sql`analyze usage_records`;
    const [count] = await sql<{ n: string; days: string }[]>`select count(*) as n, count(distinct local_day) as days from usage_records`;
    console.log(`Loaded ${Number(count!.n).toLocaleString('en-US')} records (${count!.days} local day) in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);

    // The plain aggregate first (it also warms the cache for both), then the settlement.
    const aggregate = async () => {
      const s = performance.now();
      const rows = await sql`select sdk_app_id, sum(seconds) from usage_records where account_id = ${accountId} and local_day = ${DAY} group by sdk_app_id`;
      return { ms: performance.now() - s, groups: rows.length };
    };
    await aggregate();
    const agg = await aggregate();

    let peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const s0 = performance.now();
    const throughId = await safeUsageWatermark(db);
    const result = await db.transaction((tx) => settleDay(tx, { accountId, day: DAY, now: new Date('2024-10-02T00:00:00+08:00'), throughId, mode: 'daily' }));
    const settleMs = performance.now() - s0;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (result.outcome !== 'billed') throw new Error(`unexpected settlement outcome ${JSON.stringify(result)}`);

    const agg2 = await aggregate();
    // The floor under any settlement in this process: the same rows shipped here with COPY
    // and parsed, without rating (the aggregate reads two integer columns and ships 1,000 rows).
    const f0 = performance.now();
    let shipped = 0;
    // A client of its own, closed right after: see the COPY note in lib/settlement/settle-day.ts.
    const floorClient = postgres(url, { max: 1, onnotice: () => {} });
    const copy = await floorClient.unsafe(`copy (select id, record from usage_records where account_id = '${accountId}' and local_day = '${DAY}') to stdout`).readable();
    let rest = '';
    await new Promise<void>((resolve, reject) => {
      copy.on('data', (chunk: Buffer) => {
        const text = rest + chunk.toString('utf8');
        let from = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
          JSON.parse(text.slice(text.indexOf('\t', from) + 1, nl));
          shipped++;
          from = nl + 1;
        }
        rest = text.slice(from);
      });
      copy.once('end', resolve);
      copy.once('error', reject);
    });
    const floorMs = performance.now() - f0;
    await floorClient.end({ timeout: 1 });
    const aggMs = Math.min(agg.ms, agg2.ms);
    const out = {
      records: result.records,
      applications: APPS,
      settleSeconds: Number((settleMs / 1000).toFixed(2)),
      rowsPerSecond: Math.round(result.records / (settleMs / 1000)),
      peakRssMB: Math.round(peakRss / 1024 / 1024),
      rssBeforeMB: Math.round(baseRss / 1024 / 1024),
      plainGroupBySeconds: Number((aggMs / 1000).toFixed(3)),
      ratio: Number((settleMs / aggMs).toFixed(1)),
      shipAndParseSeconds: Number((floorMs / 1000).toFixed(2)),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      bill: { number: result.billNumber, lines: result.lines, total: `${result.total} ${result.currency}` },
    };
    console.log('');
    console.log(`Settlement of ${DAY}: ${out.records.toLocaleString('en-US')} records, ${APPS} applications, ${result.lines} bill lines, total ${out.bill.total}`);
    console.log(`  settle the day        ${out.settleSeconds.toFixed(2)} s   ${out.rowsPerSecond.toLocaleString('en-US')} rows/s   peak RSS ${mb(peakRss)} (before ${mb(baseRss)})`);
    console.log(`  plain SQL GROUP BY    ${out.plainGroupBySeconds.toFixed(3)} s   (${agg.groups} groups, same rows, same server)`);
    console.log(`  ship + JSON.parse     ${out.shipAndParseSeconds.toFixed(2)} s   (${shipped.toLocaleString('en-US')} rows by COPY to this process, no rating: the floor of any settlement here)`);
    console.log(`  ratio                 ${out.ratio}x   goal: < 60 s and within 3x   (load average ${out.loadAverage.join(' ')} on ${os.cpus().length} cores)`);
    fs.mkdirSync('bench-out', { recursive: true });
    fs.writeFileSync('bench-out/settle.json', `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await handle.close();
    await bench.stop();
  }
}

await main();
