/**
 * `npm run bench:ingest`: 1,000,000 usage records through POST /api/v1/usage on loopback,
 * against a production server (`next start`) on a fresh embedded PostgreSQL, beside a
 * direct COPY of the same rows into the same table (issue 6 goal: the API at least half
 * the COPY rate). Prints records/s, wall time and peak RSS (server process tree, and
 * this client).
 *
 * The records are ../shared/bench/make-usage.mjs's (the same generator inline), grouped
 * per application because a batch is signed by one application: BENCH_APPS applications
 * (100), BENCH_BATCH records per request (5,000), BENCH_CONCURRENCY requests in flight (4).
 * Each request is a real one: signed with the application's secret key, validated with
 * lib/rating's schemas and price-book rules, stored with its batch row and usage_daily
 * statistics in one transaction. The COPY baseline writes only usage_records rows, from text
 * built before timing, as one stream and as parallel streams (the faster is the baseline).
 *
 * Options (env): BENCH_RECORDS (1000000), BENCH_APPS, BENCH_BATCH, BENCH_CONCURRENCY,
 * BENCH_REBUILD=1 (rebuild .data/next-bench), BENCH_KEEP=1 (keep the data dir).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDb } from '@/db/client';
import { applications } from '@/db/schema';
import { createCustomerAccount } from '@/lib/accounts/service';
import { generateSecretKey } from '@/lib/applications/secret-key';
import { localDate } from '@/lib/time/local-date';
import { copyEscape } from '@/lib/usage/store';
import { signedUsageHeaders } from '@/lib/usage/signature';
import { ensureProductionBuild, makeUsageLines, mb, startBenchDatabase, startProductionServer } from './bench-common';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const APPS = Number(process.env.BENCH_APPS ?? 100);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const DAYS = 30;

/** The generator's records (bench-common.ts), with its application numbers mapped onto ours. */
function generate(appIds: readonly number[]) {
  return makeUsageLines({ n: RECORDS, apps: APPS, days: DAYS, appId: (i) => appIds[i] as number });
}

async function main() {
  const started = Date.now();
  ensureProductionBuild();

  const bench = await startBenchDatabase('ingest');
  const { url } = bench;
  const handle = createDb(url, { max: 4 });
  let server: Awaited<ReturnType<typeof startProductionServer>> | null = null;

  try {
    // One customer with BENCH_APPS applications whose secret keys we keep.
    const { accountId } = await createCustomerAccount(handle.db, {
      email: `bench-${randomUUID()}@example.test`, name: 'Bench Ingest', password: 'unused', passwordHash: 'scrypt$1$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      currency: 'USD', registeredAt: new Date('2024-09-01T00:00:00+08:00'),
    });
    const keys = new Map<number, string>();
    for (let i = 0; i < APPS; i++) {
      const key = generateSecretKey();
      const [app] = await handle.db.insert(applications).values({ accountId, name: `Bench ${i}`, secretKeyHash: key.hash, secretKeyHint: key.hint, edition: 'lite', createdAt: new Date() }).returning();
      keys.set(app!.sdkAppId, key.secretKey);
    }
    const appIds = [...keys.keys()];

    // The records, grouped per application into JSON Lines batches (built before timing).
    console.log(`Generating ${RECORDS.toLocaleString('en-US')} records for ${APPS} applications ...`);
    const open = new Map<number, string[]>();
    const batches: { app: number; body: string; n: number }[] = [];
    for (const { app, line } of generate(appIds)) {
      let list = open.get(app);
      if (!list) open.set(app, (list = []));
      list.push(line);
      if (list.length === BATCH) {
        batches.push({ app, body: list.join('\n'), n: list.length });
        open.set(app, []);
      }
    }
    for (const [app, list] of open) if (list.length) batches.push({ app, body: list.join('\n'), n: list.length });
    open.clear();
    const bytes = batches.reduce((s, b) => s + Buffer.byteLength(b.body), 0);

    server = await startProductionServer({ DATABASE_URL: url, APP_ENV: 'production', AUTH_SECRET: randomBytes(33).toString('base64') });
    console.log(`Production server on ${server.url}; sending ${batches.length} batches (${mb(bytes)}), ${CONCURRENCY} at a time ...`);

    // Warm-up: one tiny signed request (compiles nothing in production, opens the pool).
    {
      const app = appIds[0] as number;
      const body = JSON.stringify([{ type: 'screenshot', app, start: '2024-10-01T00:00:00+08:00', count: 0 }]);
      const res = await fetch(`${server.url}/api/v1/usage`, { method: 'POST', headers: signedUsageHeaders({ sdkAppId: app, secretKey: keys.get(app) as string, body, idempotencyKey: 'warm-up' }), body });
      if (res.status !== 201) throw new Error(`warm-up answered ${res.status}: ${await res.text()}`);
    }

    const t0 = performance.now();
    let next = 0;
    let accepted = 0;
    const latencies: number[] = [];
    const worker = async () => {
      for (;;) {
        const i = next++;
        const b = batches[i];
        if (!b) return;
        const headers = signedUsageHeaders({ sdkAppId: b.app, secretKey: keys.get(b.app) as string, body: b.body, idempotencyKey: `bench-${i}` });
        const s = performance.now();
        const res = await fetch(`${server!.url}/api/v1/usage`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-ndjson' }, body: b.body });
        const json = (await res.json()) as { accepted?: number; error?: unknown };
        latencies.push(performance.now() - s);
        if (res.status !== 201) throw new Error(`batch ${i} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
        accepted += json.accepted ?? 0;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const apiSeconds = (performance.now() - t0) / 1000;
    const serverPeak = server.peakRssBytes();
    await server.stop();
    server = null;

    const [{ n: stored }] = (await handle.sql`select count(*)::int as n from usage_records where type = 'media'`) as unknown as [{ n: number }];
    if (stored !== RECORDS || accepted !== RECORDS) throw new Error(`expected ${RECORDS} records, the API accepted ${accepted} and the table has ${stored}`);

    // The same rows straight into the same table with COPY (no HTTP, no validation, no
    // statistics), the rows' text built before timing; once as one stream and once as
    // BENCH_CONCURRENCY parallel streams, and the faster is the baseline.
    const batchId = randomUUID();
    const receivedAt = new Date().toISOString();
    const chunks: string[] = [];
    {
      let chunk = '';
      let n = 0;
      for (const { app, line } of generate(appIds)) {
        const r = JSON.parse(line) as { start: string; seconds: number };
        chunk += `${accountId}\t${app}\t${batchId}\tmedia\t${r.start}\t${localDate(new Date(r.start))}\t${r.seconds}\t${copyEscape(line)}\t${receivedAt}\n`;
        if (++n === 5000) {
          chunks.push(chunk);
          chunk = '';
          n = 0;
        }
      }
      if (chunk) chunks.push(chunk);
    }
    const copyRun = async (streams: number): Promise<number> => {
      await handle.sql`truncate usage_records`;
      await handle.sql`checkpoint`;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: streams }, async (_, s) => {
          const mine = chunks.filter((_, i) => i % streams === s);
          const writable = await handle.sql`copy usage_records (account_id, sdk_app_id, batch_id, type, start, local_day, seconds, record, received_at) from stdin`.writable();
          await pipeline(Readable.from(mine), writable);
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      const [{ n: copied }] = (await handle.sql`select count(*)::int as n from usage_records`) as unknown as [{ n: number }];
      if (copied !== RECORDS) throw new Error(`COPY stored ${copied} rows`);
      return seconds;
    };
    const copyOne = await copyRun(1);
    const copyMany = await copyRun(Math.min(CONCURRENCY, 4));
    const copySeconds = Math.min(copyOne, copyMany);

    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]?.toFixed(0);
    const apiRate = RECORDS / apiSeconds;
    const copyRate = RECORDS / copySeconds;
    console.log('');
    console.log(`bench:ingest — ${RECORDS.toLocaleString('en-US')} records, ${APPS} applications, ${batches.length} batches of up to ${BATCH}, concurrency ${CONCURRENCY}`);
    console.log(`  usage API (HTTP, HMAC, validation, COPY + usage_daily): ${apiSeconds.toFixed(1)} s  ${Math.round(apiRate).toLocaleString('en-US')} records/s  (batch latency p50 ${p(0.5)} ms, p95 ${p(0.95)} ms)`);
    console.log(`  direct COPY of the same rows, 1 stream:                 ${copyOne.toFixed(1)} s  ${Math.round(RECORDS / copyOne).toLocaleString('en-US')} records/s`);
    console.log(`  direct COPY of the same rows, ${Math.min(CONCURRENCY, 4)} streams:                ${copyMany.toFixed(1)} s  ${Math.round(RECORDS / copyMany).toLocaleString('en-US')} records/s`);
    console.log(`  API / best COPY: ${(apiRate / copyRate).toFixed(2)}  (goal >= 0.50: ${apiRate / copyRate >= 0.5 ? 'met' : 'NOT met'})`);
    console.log(`  peak RSS: server ${mb(serverPeak)}, bench client ${mb(process.resourceUsage().maxRSS * 1024)}`);
    console.log(`  total run ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    if (server) await server.stop();
    await handle.close();
    await bench.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
