/**
 * `npm run bench:ingest` (issue 11 item 7): BENCH_RECORDS usage records (1,000,000) through
 * POST /api/v1/usage on loopback, against a production server (`npm start`, scripts/serve.ts) on a fresh
 * embedded PostgreSQL, beside a direct COPY of the same rows into the same tables
 * (usage_records and the aggregates kept at ingest, usage_aggregates); figures to
 * bench-out/ingest.json (`recordsPerSecond`, `copyRecordsPerSecond`, `p95BatchMs`).
 *
 * The records are ../shared/bench/make-usage.mjs's (the same generator inline) over
 * BENCH_APPS applications (1,000) and 30 days. By default (BENCH_SIGNER=key) the batches are
 * the issue's shape: BENCH_BATCH (10,000) records each, signed by an account usage key
 * (docs/usage-api.md, "Signing with an account usage key"). BENCH_ORDER says which records
 * share a batch: `app` (default) fills the batches application after application (about ten
 * applications' records each), as a sender that groups its records by SDKAppID does;
 * `generator` keeps the generator's order, where each record is of a random application and
 * day of the 30, so nearly every record of a batch is alone in its (application, day, item)
 * and adds an aggregate row of its own (981,622 rows for 1M records against about 150,000:
 * the partial rows are per batch, issue 11 item 1). `aggregateRows` reports which it was. BENCH_SIGNER=app sends what an application may sign: records
 * grouped per application into batches of up to BENCH_BATCH; with 1,000 applications and
 * 1,000,000 records an application has about 1,000 records, and that is the batch size that
 * run really sends (`meanBatchRecords`). BENCH_CONCURRENCY (4) clients send at once. Each
 * request is a real one: signed (the usage key's or the application's secret), validated with lib/rating's schemas and
 * price-book rules, stored with its batch row and aggregates (partial rows, no shared row updated) in one
 * transaction. The COPY baseline writes the same records (ids included) and the same
 * aggregate rows, text built before timing, as 1 and as 4 parallel streams (the faster is
 * the baseline).
 *
 * Options (env): BENCH_RECORDS, BENCH_APPS, BENCH_BATCH, BENCH_CONCURRENCY, BENCH_SIGNER (key | app), BENCH_ORDER (app | generator),
 * BENCH_REBUILD=1 (rebuild .data/next-bench), BENCH_KEEP=1 (keep the data dir), BENCH_WARM_WAL=0 (no WAL
 * warm-up before the API run: see below).
 *
 * Every run starts alike: usage tables empty, a checkpoint just done, WAL segment files there to
 * be recycled (the API run: after a warm-up, see main). Each phase prints what PostgreSQL did
 * (WAL bytes, full-page images, segment files, checkpoints, CPU by process kind).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDb } from '@/db/client';
import { applications } from '@/db/schema';
import { createCustomerAccount } from '@/lib/accounts/service';
import { generateSecretKey } from '@/lib/applications/secret-key';
import { createUsageKey } from '@/lib/applications/usage-keys';
import { aggregateDays, classifyRecord, getPriceBook, type UsageRecord } from '@/lib/rating';
import { AGGREGATE_COPY_COLUMNS, aggregateCopyChunks, usageRecordCopyChunks } from '@/lib/usage/store';
import { signedUsageHeaders } from '@/lib/usage/signature';
import { ensureProductionBuild, makeUsageLines, mb, pgCpuByKind, startBenchDatabase, startProductionServer, treeCpuSeconds } from './bench-common';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const APPS = Number(process.env.BENCH_APPS ?? 1000);
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const DAYS = 30;
/** Who signs: an account usage key (batches of BENCH_BATCH mixing the applications, issue 11) or each application (its own records). */
const SIGNER = process.env.BENCH_SIGNER ?? 'key';
if (SIGNER !== 'key' && SIGNER !== 'app') throw new Error(`BENCH_SIGNER must be key or app, not ${SIGNER}`);
const ORDER = process.env.BENCH_ORDER ?? 'app';
if (ORDER !== 'app' && ORDER !== 'generator') throw new Error(`BENCH_ORDER must be app or generator, not ${ORDER}`);

/**
 * One POST on a kept-alive connection with node:http (lighter on the client's CPU than
 * fetch, which shares the two cores with the server and PostgreSQL during the run).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The generator's records (bench-common.ts), with its application numbers mapped onto ours. */
/**
 * CPU seconds used so far by PostgreSQL (the postmaster's tree: backends, WAL writer,
 * checkpointer), the server's tree and this process: the per-record CPU of each side,
 * which on a shared 2-core machine says where the time goes whatever else runs.
 */
function cpuMeter(pgDataDir: string, serverPid: () => number | null) {
  const postmaster = Number(fs.readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const read = () => {
    const pid = serverPid();
    const u = process.cpuUsage();
    return { pg: treeCpuSeconds(postmaster), server: pid ? treeCpuSeconds(pid) : 0, client: (u.user + u.system) / 1e6 };
  };
  return {
    start() {
      const from = read();
      return (records: number) => {
        const to = read();
        const us = (a: number, b: number) => Number((((b - a) * 1e6) / records).toFixed(1));
        return { postgres: us(from.pg, to.pg), server: us(from.server, to.server), client: us(from.client, to.client), total: us(from.pg + from.server + from.client, to.pg + to.server + to.client) };
      };
    },
  };
}

/**
 * What PostgreSQL did during a phase, beside its CPU: the WAL it wrote (bytes and full-page
 * images per record, from pg_current_wal_lsn and pg_stat_wal), the checkpoints that ran
 * (pg_stat_checkpointer: timed and requested) and its CPU by process kind (bench-common.ts
 * pgCpuByKind): a checkpoint inside one phase and not the other, or background work, shows here.
 */
function pgPhase(sql: ReturnType<typeof createDb>['sql'], postmaster: number) {
  type Snap = { lsn: string; fpi: number; timed: number; requested: number; walFiles: number; cpu: Record<string, number> };
  const snap = async (): Promise<Snap> => {
    // Pending statistics of this backend first; other backends flush theirs within a second of going idle.
    await sql`select pg_stat_force_next_flush()`;
    const [r] = (await sql`
      select pg_current_wal_lsn()::text as lsn, (select wal_fpi from pg_stat_wal)::float8 as fpi,
             (select num_timed from pg_stat_checkpointer)::int as timed, (select num_requested from pg_stat_checkpointer)::int as requested,
             (select count(*) from pg_ls_waldir())::int as "walFiles"`) as unknown as [Omit<Snap, 'cpu'>];
    return { ...r, cpu: pgCpuByKind(postmaster) };
  };
  return {
    async start() {
      const from = await snap();
      return async (records: number) => {
        // CPU at the end of the phase; then let the other backends' statistics reach the shared counters (flushed at most once a second).
        const cpu = pgCpuByKind(postmaster);
        await new Promise((r) => setTimeout(r, 1100));
        const to = { ...(await snap()), cpu };
        const [{ bytes }] = (await sql`select pg_wal_lsn_diff(${to.lsn}, ${from.lsn})::float8 as bytes`) as unknown as [{ bytes: number }];
        const cpuUs: Record<string, number> = {};
        for (const k of new Set([...Object.keys(from.cpu), ...Object.keys(to.cpu)])) {
          const us = (((to.cpu[k] ?? 0) - (from.cpu[k] ?? 0)) * 1e6) / records;
          if (us >= 0.05) cpuUs[k] = Number(us.toFixed(2));
        }
        return {
          walBytesPerRecord: Math.round(bytes / records),
          walFullPageImages: to.fpi - from.fpi,
          /** WAL segment files in pg_wal before and after the phase (more after: segments created, not recycled). */
          walSegmentFiles: { before: from.walFiles, after: to.walFiles },
          checkpoints: { timed: to.timed - from.timed, requested: to.requested - from.requested },
          cpuUsPerRecordByKind: cpuUs,
        };
      };
    },
  };
}

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
    // The account usage key that signs the key-signed batches (its secret kept here).
    const usageKey = SIGNER === 'key' ? await createUsageKey(handle.db, { accountId, userId: null }, { name: 'Bench ingest' }) : null;
    const usageKeySigner = usageKey ? { usageKeyId: usageKey.key.id, secretKey: usageKey.secretKey } : null;

    // The records as JSON Lines batches (built before timing): BENCH_BATCH records signed by the
    // usage key (`app` null: the batch spans applications), application after application or in
    // generator order (BENCH_ORDER), or grouped per application and signed by it.
    console.log(`Generating ${RECORDS.toLocaleString('en-US')} records for ${APPS} applications, signed by ${SIGNER === 'key' ? `an account usage key, ${ORDER === 'app' ? 'application after application' : 'in generator order'}` : 'each application'} ...`);
    const batches: { app: number | null; body: string; n: number }[] = [];
    if (SIGNER === 'key') {
      let list: string[] = [];
      const generated = [...generate(appIds)];
      // A stable sort: each application's records keep the generator's order.
      if (ORDER === 'app') generated.sort((a, b) => a.app - b.app);
      for (const { line } of generated) {
        list.push(line);
        if (list.length === BATCH) {
          batches.push({ app: null, body: list.join('\n'), n: list.length });
          list = [];
        }
      }
      if (list.length) batches.push({ app: null, body: list.join('\n'), n: list.length });
    } else {
      const open = new Map<number, string[]>();
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
    }
    /** The signing part of a batch's headers: the usage key, or the batch's application and its secret key. */
    const signerOf = (app: number | null) => usageKeySigner ?? { sdkAppId: app as number, secretKey: keys.get(app as number) as string };
    const bytes = batches.reduce((s, b) => s + Buffer.byteLength(b.body), 0);

    server = await startProductionServer({ DATABASE_URL: url, APP_ENV: 'production', AUTH_SECRET: randomBytes(33).toString('base64') });
    console.log(`Production server on ${server.url}; sending ${batches.length} batches (${mb(bytes)}), ${CONCURRENCY} at a time ...`);

    // Warm-up: one tiny signed request (compiles nothing in production, opens the pool).
    {
      const app = appIds[0] as number;
      const body = JSON.stringify([{ type: 'screenshot', app, start: '2024-10-01T00:00:00+08:00', count: 0 }]);
      const res = await fetch(`${server.url}/api/v1/usage`, { method: 'POST', headers: signedUsageHeaders({ ...signerOf(app), body, idempotencyKey: 'warm-up' }), body });
      if (res.status !== 201) throw new Error(`warm-up answered ${res.status}: ${await res.text()}`);
    }

    // The API run starts as each COPY run does (below: truncate, then checkpoint), on a cluster
    // whose WAL segment files already exist: a server in steady state recycles its 16 MB
    // segments, and so do the COPY runs, which come after this one. Without this the API run
    // alone paid for creating every segment it filled on the fresh cluster (~45 for 1M
    // records): measured with scripts/diag-ingest-pg.ts, the same 300,000-record store took
    // 9.2 µs/record of PostgreSQL CPU as the first write to a fresh cluster and 7.2-7.7 after
    // this warm-up. A table of about the run's WAL volume, dropped again, makes the segments
    // (BENCH_WARM_WAL=0 skips it).
    if (process.env.BENCH_WARM_WAL !== '0') {
      await handle.sql`create table bench_wal_warm as select g, repeat('x', 700) as pad from generate_series(1, ${RECORDS}) g`;
      await handle.sql`drop table bench_wal_warm`;
    }
    await handle.sql`checkpoint`;
    const meter = cpuMeter(bench.server.dataDir, () => server?.child.pid ?? null);
    const postmaster = Number(fs.readFileSync(path.join(bench.server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const phases = pgPhase(handle.sql, postmaster);
    const apiPg = await phases.start();
    const apiCpu = meter.start();
    // Requests prepared before timing, as the COPY text is: bodies as bytes, signed (a
    // signature is good for ±300 s; a request found older than 240 s is signed again).
    const sign = (b: (typeof batches)[number], i: number) => ({
      ...signedUsageHeaders({ ...signerOf(b.app), body: b.body, idempotencyKey: `bench-${i}` }),
      'Content-Type': 'application/x-ndjson',
    });
    const signedAt = Date.now();
    const requests = batches.map((b, i) => ({ headers: sign(b, i), body: Buffer.from(b.body) }));
    const t0 = performance.now();
    let next = 0;
    let accepted = 0;
    const latencies: number[] = [];
    const worker = async () => {
      for (;;) {
        const i = next++;
        const b = batches[i];
        const r = requests[i];
        if (!b || !r) return;
        if (Date.now() - signedAt > 240_000) r.headers = sign(b, i);
        const s = performance.now();
        const res = await post(`${server!.url}/api/v1/usage`, r.headers, r.body);
        const json = JSON.parse(res.text) as { accepted?: number; error?: unknown };
        latencies.push(performance.now() - s);
        if (res.status !== 201) throw new Error(`batch ${i} answered ${res.status}: ${res.text.slice(0, 500)}`);
        accepted += json.accepted ?? 0;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const apiSeconds = (performance.now() - t0) / 1000;
    agent.destroy();
    const apiCpuUs = apiCpu(RECORDS);
    const apiPgUs = await apiPg(RECORDS);
    // PostgreSQL's own background work during the run (insert-triggered autovacuum and
    // autoanalyze of the usage partitions): in the PostgreSQL figure, not in the COPY's
    // (whose transactions commit at the end of their timing).
    const [autovacuum] = (await handle.sql`
      select coalesce(sum(autovacuum_count), 0)::int as vacuums, coalesce(sum(autoanalyze_count), 0)::int as analyzes
      from pg_stat_all_tables where relname like 'usage_records%' or relname like 'usage_aggregates%'`) as unknown as [{ vacuums: number; analyzes: number }];
    const serverPeak = server.peakRssBytes();
    await server.stop();
    server = null;

    const [{ n: stored }] = (await handle.sql`select count(*)::int as n from usage_records where type = 'media'`) as unknown as [{ n: number }];
    if (stored !== RECORDS || accepted !== RECORDS) throw new Error(`expected ${RECORDS} records, the API accepted ${accepted} and the table has ${stored}`);

    // The same rows straight into the same tables with COPY (no HTTP, no validation): the
    // records with ids and each batch's aggregate rows, text built before timing.
    const book = getPriceBook('trtc-2024-usd');
    const receivedAtIso = new Date().toISOString();
    const recordChunks: string[] = [];
    const aggregateChunks: string[] = [];
    let nextId = 1;
    let aggregateRows = 0;
    for (const b of batches) {
      const batchId = randomUUID();
      const records = b.body.split('\n').map((text) => {
        const record = JSON.parse(text) as UsageRecord;
        return { record, text, pieces: classifyRecord(book, record) };
      });
      const ids = records.map(() => nextId++);
      recordChunks.push([...usageRecordCopyChunks(records, { accountId, batchId, receivedAtIso, timeZone: book.timeZone, ids }, 1e9)].join(''));
      const rows = aggregateDays(book, records.map((r, i) => ({ record: r.record, id: ids[i] as number })));
      aggregateRows += rows.length;
      aggregateChunks.push([...aggregateCopyChunks(rows, { accountId, batchId, throughId: ids[ids.length - 1] as number }, 1e9)].join(''));
    }
    const copyCpuUs: ReturnType<ReturnType<ReturnType<typeof cpuMeter>['start']>>[] = [];
    const copyPg: Awaited<ReturnType<Awaited<ReturnType<ReturnType<typeof pgPhase>['start']>>>>[] = [];
    const copyRun = async (streams: number): Promise<number> => {
      await handle.sql`truncate usage_records, usage_aggregates`;
      await handle.sql`checkpoint`;
      const pg = await phases.start();
      const cpu = meter.start();
      const t = performance.now();
      await Promise.all(
        Array.from({ length: streams }, async (_, s) => {
          const mine = (list: string[]) => list.filter((_, i) => i % streams === s);
          const records = await handle.sql`copy usage_records (id, account_id, sdk_app_id, batch_id, type, start, local_day, seconds, record, received_at) from stdin`.writable();
          await pipeline(Readable.from(mine(recordChunks)), records);
          const aggregates = await handle.sql.unsafe(`copy usage_aggregates (${AGGREGATE_COPY_COLUMNS}) from stdin`).writable();
          await pipeline(Readable.from(mine(aggregateChunks)), aggregates);
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      copyCpuUs.push(cpu(RECORDS));
      copyPg.push(await pg(RECORDS));
      const [{ n: copied }] = (await handle.sql`select count(*)::int as n from usage_records`) as unknown as [{ n: number }];
      if (copied !== RECORDS) throw new Error(`COPY stored ${copied} rows`);
      return seconds;
    };
    const copyOne = await copyRun(1);
    const copyMany = await copyRun(Math.min(CONCURRENCY, 4));
    const copySeconds = Math.min(copyOne, copyMany);

    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] as number;
    const apiRate = RECORDS / apiSeconds;
    const copyRate = RECORDS / copySeconds;
    const out = {
      records: RECORDS,
      applications: APPS,
      signer: SIGNER === 'key' ? 'account usage key' : 'application',
      /** Which records share a batch: application after application, or the generator's order (key-signed batches). */
      order: SIGNER === 'key' ? ORDER : 'app',
      batches: batches.length,
      maxBatchRecords: BATCH,
      meanBatchRecords: Math.round(RECORDS / batches.length),
      concurrency: CONCURRENCY,
      recordsPerSecond: Math.round(apiRate),
      copyRecordsPerSecond: Math.round(copyRate),
      apiToCopy: Number((apiRate / copyRate).toFixed(2)),
      p50BatchMs: Math.round(p(0.5)),
      p95BatchMs: Math.round(p(0.95)),
      apiSeconds: Number(apiSeconds.toFixed(1)),
      copyOneStreamSeconds: Number(copyOne.toFixed(1)),
      copyFourStreamsSeconds: Number(copyMany.toFixed(1)),
      aggregateRows,
      // CPU microseconds per record by process (load-independent: what a saturated 2-core machine divides)
      apiCpuUsPerRecord: apiCpuUs,
      autovacuumDuringApi: autovacuum,
      /** PostgreSQL during the API run and the COPY runs (1 stream, then 4): WAL, checkpoints, CPU by process kind. */
      postgresApi: apiPgUs,
      postgresCopy: copyPg,
      copyCpuUsPerRecord: copyCpuUs[copyCpuUs.length - 1],
      serverPeakRssMB: Math.round(serverPeak / 1024 / 1024),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      cores: os.cpus().length,
    };
    console.log('');
    console.log(`bench:ingest — ${RECORDS.toLocaleString('en-US')} records, ${APPS} applications, ${batches.length} batches (mean ${out.meanBatchRecords}, at most ${BATCH}) signed by ${out.signer === 'application' ? 'each application' : `an account usage key (${out.order === 'app' ? 'application after application' : 'generator order'})`}, concurrency ${CONCURRENCY}`);
    console.log(`  usage API (HTTP, HMAC, validation, COPY + aggregates): ${apiSeconds.toFixed(1)} s  ${out.recordsPerSecond.toLocaleString('en-US')} records/s  (batch latency p50 ${out.p50BatchMs} ms, p95 ${out.p95BatchMs} ms)`);
    console.log(`  direct COPY of the same rows + aggregates, 1 stream:  ${copyOne.toFixed(1)} s  ${Math.round(RECORDS / copyOne).toLocaleString('en-US')} records/s`);
    console.log(`  direct COPY of the same rows + aggregates, ${Math.min(CONCURRENCY, 4)} streams: ${copyMany.toFixed(1)} s  ${Math.round(RECORDS / copyMany).toLocaleString('en-US')} records/s`);
    console.log(`  CPU µs per record, API:  postgres ${apiCpuUs.postgres}, server ${apiCpuUs.server}, client ${apiCpuUs.client} = ${apiCpuUs.total}  (autovacuum ${autovacuum.vacuums}, autoanalyze ${autovacuum.analyzes} of the usage partitions during the run)`);
    for (const [i, c] of copyCpuUs.entries()) console.log(`  CPU µs per record, COPY ${i === 0 ? 1 : Math.min(CONCURRENCY, 4)}: postgres ${c.postgres}, client ${c.client} = ${c.total}`);
    const pgLine = (name: string, p: typeof apiPgUs) =>
      console.log(`  PostgreSQL, ${name}: WAL ${p.walBytesPerRecord} B/record, ${p.walFullPageImages} full-page images, WAL segment files ${p.walSegmentFiles.before} -> ${p.walSegmentFiles.after}, checkpoints ${p.checkpoints.timed} timed + ${p.checkpoints.requested} requested; CPU µs/record ${Object.entries(p.cpuUsPerRecordByKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    pgLine('API', apiPgUs);
    for (const [i, p] of copyPg.entries()) pgLine(`COPY ${i === 0 ? 1 : Math.min(CONCURRENCY, 4)}`, p);
    console.log(`  API / best COPY: ${out.apiToCopy}  (goals: >= 100,000 records/s, >= 0.8x COPY, p95 < 500 ms)`);
    console.log(`  peak RSS: server ${mb(serverPeak)}, bench client ${mb(process.resourceUsage().maxRSS * 1024)}; load average ${out.loadAverage.join(' ')} on ${out.cores} cores`);
    console.log(`  total run ${((Date.now() - started) / 1000).toFixed(0)} s`);
    fs.mkdirSync('bench-out', { recursive: true });
    fs.writeFileSync('bench-out/ingest.json', `${JSON.stringify(out, null, 2)}\n`);
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
