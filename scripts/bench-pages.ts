/**
 * `npm run bench:pages`: server time of the usage and bill pages with 10 applications and
 * 90 days of usage (issue 6 goal: p95 under 300 ms). A fresh embedded PostgreSQL, one
 * customer, 10 applications, 90 days of synthetic usage stored through the ingestion path
 * (records, batches, aggregates), each day settled by lib/settlement (daily bills with
 * their lines and explanations), then a production server (`npm start`, scripts/serve.ts) on loopback,
 * signed in through Auth.js, and each page requested one at a time: the time to the last
 * byte of the HTML (loopback, so it is the server's time).
 *
 * Options (env): BENCH_SESSIONS (rooms per application per day, 40), BENCH_RUNS (30),
 * BENCH_REBUILD=1, BENCH_KEEP=1.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createDb } from '@/db/client';
import { applications, bills } from '@/db/schema';
import { desc, eq } from 'drizzle-orm';
import { createCustomerAccount } from '@/lib/accounts/service';
import { hashPassword } from '@/lib/auth/password';
import { generateSecretKey } from '@/lib/applications/secret-key';
import { postLedgerEntry } from '@/lib/ledger/service';
import { Decimal } from '@/lib/money/decimal';
import { getPriceBook } from '@/lib/rating';
import { safeUsageWatermark, settleDay } from '@/lib/settlement';
import { addDays, localDate, startOfLocalDay } from '@/lib/time/local-date';
import { validateBatch } from '@/lib/usage/batch';
import { storeUsageBatch } from '@/lib/usage/store';
import { syntheticUsage } from '@/lib/usage/synthetic';
import { ensureProductionBuild, fetchPage, mb, percentile, signInCookie, startBenchDatabase, startProductionServer } from './bench-common';

const APPS = 10;
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const EMAIL = 'bench-pages@example.test';
const PASSWORD = 'bench-pages-password';

async function main() {
  const started = Date.now();
  ensureProductionBuild();
  const bench = await startBenchDatabase('pages');
  const { url } = bench;
  const handle = createDb(url, { max: 4 });
  const { db, sql } = handle;
  let server: Awaited<ReturnType<typeof startProductionServer>> | null = null;

  try {
    const today = localDate(new Date());
    const first = addDays(today, -DAYS);
    const registeredAt = startOfLocalDay(addDays(first, -1));
    const { accountId } = await createCustomerAccount(db, { email: EMAIL, name: 'Bench Pages Ltd', password: PASSWORD, passwordHash: await hashPassword(PASSWORD), currency: 'USD', registeredAt });
    await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'top_up', amount: new Decimal(1_000_000), description: { key: 'note', params: { text: 'bench top-up' } }, idempotencyKey: 'bench-top-up', at: registeredAt }));
    const book = getPriceBook('trtc-2024-usd');
    const appIds: number[] = [];
    for (let i = 0; i < APPS; i++) {
      const key = generateSecretKey();
      const [app] = await db.insert(applications).values({ accountId, name: `Bench app ${i + 1}`, secretKeyHash: key.hash, secretKeyHint: key.hint, edition: 'lite', createdAt: registeredAt }).returning();
      appIds.push(app!.sdkAppId);
    }

    console.log(`Storing ${DAYS} days x ${APPS} applications of usage (${SESSIONS} rooms per application per day) ...`);
    let records = 0;
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(first, d);
      for (const [i, sdkAppId] of appIds.entries()) {
        const rs = syntheticUsage({ sdkAppId, from: new Date(startOfLocalDay(day).getTime() + 7 * 3_600_000), spanMs: 14 * 3_600_000, sessions: SESSIONS, seed: d * 100 + i + 1 });
        const v = validateBatch(rs.map((value) => ({ value })), { book, sdkAppId });
        if (!v.ok) throw new Error(JSON.stringify(v.errors.slice(0, 2)));
        const body = JSON.stringify(rs);
        await storeUsageBatch(sql, { accountId, sdkAppId, source: 'generator', idempotencyKey: `bench:${day}:${sdkAppId}`, bodySha256: createHash('sha256').update(body).digest('hex'), receivedAt: new Date(), timeZone: book.timeZone, records: v.records });
        records += rs.length;
      }
    }
    console.log(`Settling ${DAYS} days into daily bills ...`);
    const throughId = await safeUsageWatermark(db);
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(first, d);
      if (process.env.BENCH_DEBUG) console.log(`  settling ${day}`);
      await db.transaction((tx) => settleDay(tx, { accountId, day, now: startOfLocalDay(addDays(day, 1)), throughId, mode: 'daily' }));
    }
    const [{ lines, billCount }] = (await sql`select (select count(*)::int from bill_lines where account_id = ${accountId}) as lines, (select count(*)::int from bills where account_id = ${accountId}) as "billCount"`) as unknown as [{ lines: number; billCount: number }];
    const [bill] = await db.select({ id: bills.id }).from(bills).where(eq(bills.accountId, accountId)).orderBy(desc(bills.periodStart)).limit(1);

    server = await startProductionServer({ DATABASE_URL: url, APP_ENV: 'production', AUTH_SECRET: randomBytes(33).toString('base64') });
    const cookie = await signInCookie(server.url, EMAIL, PASSWORD);
    const yesterday = addDays(today, -1);
    const pages: [string, string][] = [
      ['usage, default (last 7 days)', '/usage'],
      ['usage, one day (5-minute buckets)', `/usage?from=${yesterday}&to=${yesterday}`],
      ['usage, 90 days (daily totals)', `/usage?from=${first}&to=${yesterday}`],
      ['usage, one app, 30 days', `/usage?app=${appIds[3]}&from=${addDays(today, -30)}&to=${yesterday}`],
      ['bills list', '/bills'],
      ['bills list, page 3 by total', '/bills?sort=total&dir=desc&page=3'],
      [`bill page (${Math.round(lines / billCount)} lines)`, `/bills/${bill!.id}`],
      ['bill CSV', `/bills/${bill!.id}/csv`],
    ];
    console.log(`Production server on ${server.url}; ${RUNS} requests per page, one at a time ...`);
    const results: { label: string; p50: number; p95: number; max: number; bytes: number }[] = [];
    for (const [label, p] of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS + 3; i++) {
        const page = await fetchPage(server.url, p, cookie, { timeoutMs: 120_000 });
        if (page.status !== 200) throw new Error(`${p} answered ${page.status}`);
        if (i >= 3) times.push(page.ms);
        bytes = page.body.length;
      }
      times.sort((a, b) => a - b);
      results.push({ label, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] as number, bytes });
    }
    const peak = server.peakRssBytes();
    console.log('');
    console.log(`bench:pages — ${APPS} applications, ${DAYS} days, ${records.toLocaleString('en-US')} usage records, ${billCount} bills, ${lines.toLocaleString('en-US')} bill lines; ${RUNS} runs per page after 3 warm-ups`);
    console.log(`  ${'page'.padEnd(40)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)} ${'size'.padStart(8)}`);
    for (const r of results) {
      console.log(`  ${r.label.padEnd(40)} ${`${r.p50.toFixed(0)} ms`.padStart(8)} ${`${r.p95.toFixed(0)} ms`.padStart(8)} ${`${r.max.toFixed(0)} ms`.padStart(8)} ${`${Math.round(r.bytes / 1024)} kB`.padStart(8)}`);
    }
    const worst = Math.max(...results.map((r) => r.p95));
    console.log(`  worst p95 ${worst.toFixed(0)} ms (goal < 300 ms: ${worst < 300 ? 'met' : 'NOT met'}); server peak RSS ${mb(peak)}; total run ${((Date.now() - started) / 1000).toFixed(0)} s`);
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
