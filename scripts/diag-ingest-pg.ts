/**
 * `npx tsx scripts/diag-ingest-pg.ts` — a diagnostic beside bench:ingest (run it under the
 * bench lock like a benchmark): where PostgreSQL's CPU per record goes on the usage API's
 * store path, without the HTTP server. BENCH_RECORDS (300,000) records of bench:ingest's shape
 * (key-signed 10,000-record batches, application after application) are prepared as the API
 * prepares them (lib/usage/batch.ts) and stored by each phase of DIAG_PHASES in turn, into
 * emptied tables (truncate + checkpoint first). Each phase prints PostgreSQL's CPU µs/record by
 * process kind, WAL bytes and full-page images per record, and how many batches got ids
 * interleaved with another's. Phases:
 * - store4, store2, store1: lib/usage/store.ts storeUsageBatch, 4, 2 or 1 batches at once;
 * - stmts4: only its per-batch statements (batch row, lock, id reservation), 4 at once;
 * - copytx4, copytx1: only its two COPYs, one transaction per batch, ids made up here;
 * - copy4, copy1: bench:ingest's COPY baseline (one transaction per stream and table);
 * - walwarm: WAL of about the phases' volume in a table of its own, dropped, then a
 *   checkpoint, so that later phases recycle WAL segment files instead of creating them.
 * Findings of 2026-12-05 are in docs/scale-out.md (usage API ingest, PostgreSQL's share).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDb } from '@/db/client';
import { copyIn } from '@/db/raw';
import { applications } from '@/db/schema';
import { createCustomerAccount } from '@/lib/accounts/service';
import { generateSecretKey } from '@/lib/applications/secret-key';
import { getPriceBook } from '@/lib/rating';
import { prepareJsonLinesBatch } from '@/lib/usage/batch';
import { aggregatesWithIds, giveBack, PREPARED_AGGREGATE_COLUMNS, PREPARED_ROW_COLUMNS, rowsWithIds } from '@/lib/usage/copy-rows';
import { storeUsageBatch } from '@/lib/usage/store';
import { makeUsageLines, pgCpuByKind, startBenchDatabase } from './bench-common';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const BATCH = 10_000;
const PHASES = (process.env.DIAG_PHASES ?? 'store4,store2,store1,stmts4,copytx4,copytx1,copy4,copy1').split(',');

async function main() {
  const bench = await startBenchDatabase('ingpgdiag');
  const handle = createDb(bench.url, { max: 4 });
  const sql = handle.sql;
  try {
    const { accountId } = await createCustomerAccount(handle.db, {
      email: `diag-${randomUUID()}@example.test`, name: 'Diag', password: 'unused', passwordHash: 'scrypt$1$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      currency: 'USD', registeredAt: new Date('2024-09-01T00:00:00+08:00'),
    });
    const appIds: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const key = generateSecretKey();
      const [app] = await handle.db.insert(applications).values({ accountId, name: `D ${i}`, secretKeyHash: key.hash, secretKeyHint: key.hint, edition: 'lite', createdAt: new Date() }).returning();
      appIds.push(app!.sdkAppId);
    }
    const generated = [...makeUsageLines({ n: RECORDS, apps: 1000, days: 30, appId: (i) => appIds[i] as number })];
    generated.sort((a, b) => a.app - b.app);
    const bodies: Buffer[] = [];
    for (let i = 0; i < generated.length; i += BATCH) bodies.push(Buffer.from(generated.slice(i, i + BATCH).map((g) => g.line).join('\n')));
    const book = getPriceBook('trtc-2024-usd');
    const prepare = (body: Buffer) => prepareJsonLinesBatch(body, { book, appRefusal: () => null, maxRecords: BATCH })!;
    const postmaster = Number(fs.readFileSync(path.join(bench.server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

    const run = async (name: string, concurrency: number, one: (body: Buffer, i: number) => Promise<void>) => {
      await sql`truncate usage_records, usage_aggregates, usage_batches`;
      await sql`checkpoint`;
      const lsn0 = (await sql`select pg_current_wal_lsn()::text as l`)[0]!.l as string;
      await sql`select pg_stat_force_next_flush()`;
      const fpi0 = Number((await sql`select wal_fpi from pg_stat_wal`)[0]!.wal_fpi);
      const cpu0 = pgCpuByKind(postmaster);
      const t = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        for (;;) {
          const i = next++;
          if (i >= bodies.length) return;
          await one(bodies[i] as Buffer, i);
        }
      }));
      const ms = performance.now() - t;
      const cpu1 = pgCpuByKind(postmaster);
      await new Promise((r) => setTimeout(r, 1100));
      const lsn1 = (await sql`select pg_current_wal_lsn()::text as l`)[0]!.l as string;
      const fpi1 = Number((await sql`select wal_fpi from pg_stat_wal`)[0]!.wal_fpi);
      const bytes = Number((await sql`select pg_wal_lsn_diff(${lsn1}, ${lsn0})::float8 as b`)[0]!.b);
      // Batches whose ids are not one contiguous range (another batch's ids interleaved).
      const [inter] = await sql`select count(*) filter (where max - min + 1 <> n)::int as interleaved, count(*)::int as batches
        from (select batch_id, min(id) as min, max(id) as max, count(*) as n from usage_records group by batch_id) b`;
      const parts = Object.keys(cpu1).map((k) => [k, (((cpu1[k] ?? 0) - (cpu0[k] ?? 0)) * 1e6) / RECORDS] as const).filter(([, v]) => v >= 0.05);
      const total = parts.reduce((s, [, v]) => s + v, 0);
      console.log(`${name.padEnd(10)} ${(ms / 1000).toFixed(1)} s  PG ${total.toFixed(2)} µs/rec (${parts.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')})  WAL ${Math.round(bytes / RECORDS)} B/rec, ${fpi1 - fpi0} FPI, interleaved batches ${inter?.interleaved}/${inter?.batches}`);
    };

    const store = async (body: Buffer, i: number) => {
      const prepared = prepare(body);
      await storeUsageBatch(sql, { accountId, sdkAppId: null, source: 'api', idempotencyKey: `d-${i}-${randomUUID()}`, bodySha256: 'x', receivedAt: new Date(), timeZone: book.timeZone, prepared, book });
    };
    // The per-batch statements alone: batch row, lock, ids.
    const stmts = async (_body: Buffer, i: number) => {
      await sql.begin(async (tx) => {
        await Promise.all([
          tx`insert into usage_batches (id, account_id, sdk_app_id, source, idempotency_key, record_count, body_sha256, received_at, aggregated_at)
             values (${randomUUID()}, ${accountId}, null, 'api', ${`s-${i}-${randomUUID()}`}, ${BATCH}, 'x', now(), now()) on conflict (account_id, idempotency_key) do nothing returning id`,
          tx`lock table usage_records in row exclusive mode`,
          tx`select string_agg(nextval('usage_records_id_seq')::text, ',') as ids from generate_series(1, ${BATCH})`,
        ]);
      });
    };
    // The store's COPYs, one transaction per batch, ids made up (no sequence, no batch row, no lock).
    let nextId = 1;
    const copytx = async (body: Buffer) => {
      const prepared = prepare(body);
      const ids = Array.from({ length: prepared.count }, () => nextId++);
      const batchId = randomUUID();
      const text = rowsWithIds(prepared, ids, `${accountId}\t${batchId}\t${new Date().toISOString()}\t`);
      const agg = aggregatesWithIds(prepared.aggregates, ids, `${accountId}\t${batchId}\t${ids[ids.length - 1]}\t`);
      await sql.begin(async (tx) => {
        await copyIn(tx.unsafe(`copy usage_records (id, account_id, batch_id, received_at, ${PREPARED_ROW_COLUMNS}) from stdin`), [text]);
        await copyIn(tx.unsafe(`copy usage_aggregates (${PREPARED_AGGREGATE_COLUMNS}, account_id, batch_id, through_id, samples) from stdin`), [agg]);
      });
      giveBack(prepared.rows);
      giveBack(prepared.aggregates.rows);
      giveBack(text);
      giveBack(agg);
    };
    const walFiles = async () => Number((await sql`select count(*)::int as n from pg_ls_waldir()`)[0]!.n);
    for (const phase of PHASES) {
      nextId = 1;
      console.log(`  (${phase}: ${await walFiles()} WAL segment files before)`);
      if (phase === 'walwarm') {
        // WAL of about the phases' volume, in a table of its own (no usage table touched): new WAL segments are created now, recycled later.
        const t = performance.now();
        await sql`create table wal_warm as select g, repeat('x', 700) as pad from generate_series(1, ${RECORDS}) g`;
        await sql`drop table wal_warm`;
        await sql`checkpoint`;
        console.log(`walwarm    ${((performance.now() - t) / 1000).toFixed(1)} s, ${await walFiles()} WAL segment files after`);
        continue;
      }
      if (phase === 'store4') await run(phase, 4, store);
      else if (phase === 'store1') await run(phase, 1, store);
      else if (phase === 'store2') await run(phase, 2, store);
      else if (phase === 'stmts4') await run(phase, 4, stmts);
      else if (phase === 'stmts1') await run(phase, 1, stmts);
      else if (phase === 'copytx4') await run(phase, 4, copytx);
      else if (phase === 'copytx1') await run(phase, 1, copytx);
      else if (phase === 'copy4' || phase === 'copy1') {
        // As bench:ingest's baseline: each stream one transaction per table over its batches (prepared before timing).
        const streams = phase === 'copy4' ? 4 : 1;
        const texts: { rec: Buffer; agg: Buffer }[] = [];
        for (const body of bodies) {
          const prepared = prepare(body);
          const ids = Array.from({ length: prepared.count }, () => nextId++);
          const batchId = randomUUID();
          texts.push({
            rec: Buffer.from(rowsWithIds(prepared, ids, `${accountId}\t${batchId}\t${new Date().toISOString()}\t`)),
            agg: Buffer.from(aggregatesWithIds(prepared.aggregates, ids, `${accountId}\t${batchId}\t${ids[ids.length - 1]}\t`)),
          });
        }
        let started = false;
        await run(phase, 1, async () => {
          if (started) return;
          started = true;
          await Promise.all(Array.from({ length: streams }, async (_, s) => {
            const mine = texts.filter((_, i) => i % streams === s);
            const rec = await sql`copy usage_records (id, account_id, batch_id, received_at, ${sql.unsafe(PREPARED_ROW_COLUMNS)}) from stdin`.writable();
            await pipeline(Readable.from(mine.map((t) => t.rec)), rec);
            const agg = await sql.unsafe(`copy usage_aggregates (${PREPARED_AGGREGATE_COLUMNS}, account_id, batch_id, through_id, samples) from stdin`).writable();
            await pipeline(Readable.from(mine.map((t) => t.agg)), agg);
          }));
        });
      }
    }
  } finally {
    await handle.close();
    await bench.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
