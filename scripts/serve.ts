import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createDb } from '@/db/client';
import { seedDemoData, DEMO_LOGINS } from './demo-seed';
import { startWorkerLoop, type WorkerLoop } from '@/lib/jobs/worker-loop';
import { systemNow } from '@/lib/clock';
import { startMailCapture, type MailCapture } from '@/lib/email/capture-server';
import { portIsFree } from '@/db/embedded';
import { ensureAuthSecret, prepareDatabase } from './database';
import { failStart, installStartFailureHandlers } from './start-failure';
import { log } from '@/lib/log';

/**
 * `npm run dev` / `npm start`: the database (embedded unless DATABASE_URL is set),
 * migrations, demo data on first start, then Next.js. One command, no other set-up.
 */
const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const appEnv = process.env.APP_ENV ?? (mode === 'dev' ? 'development' : 'production');
const port = process.env.PORT ?? '3000';
const production = appEnv === 'production';
// Every start failure is one paragraph, never a stack trace (issue 14 item 1; scripts/start-failure.ts).
const removeStartHandlers = installStartFailureHandlers({ port });

// The console's own port first: a taken port is told before anything is started.
if (!(await portIsFree(Number(port), mode === 'dev' ? null : (process.env.HOST ?? '127.0.0.1')))) {
  failStart(Object.assign(new Error(`listen EADDRINUSE :${port}`), { code: 'EADDRINUSE', port: Number(port) }), { port });
}

let target: Awaited<ReturnType<typeof prepareDatabase>>;
try {
  target = await prepareDatabase({ defaultName: 'billing', fresh: process.env.FRESH_DATABASE === '1' });
} catch (err) {
  failStart(err, { port });
}

// Demo data (with its published logins) on first start of the embedded server outside
// production, or when asked for explicitly; never silently in a production deployment.
if (process.env.SEED_DEMO === '1' || (target.embedded && !production)) {
  const handle = createDb(target.url, { max: 2 });
  try {
    const seeded = await seedDemoData(handle.db, { now: systemNow() });
    if (seeded) console.log('Demo data created.');
  } finally {
    await handle.close();
  }
}

// Email (issue 10): without SMTP_URL, development and test get the embedded SMTP capture
// (kept in the database, read on /dev/mail); its URL goes to this process (the worker
// sends deliveries) and to Next's (actions that send mail). Production without one: email off.
let capture: MailCapture | null = null;
let captureDb: ReturnType<typeof createDb> | null = null;
if (!production && !process.env.SMTP_URL && process.env.DISABLE_MAIL_CAPTURE !== '1') {
  captureDb = createDb(target.url, { max: 2 });
  capture = await startMailCapture(captureDb.db, { port: Number(process.env.MAIL_CAPTURE_PORT ?? 0), log: (m) => console.log(m) });
  process.env.SMTP_URL = capture.url;
  process.env.MAIL_CAPTURE = '1';
}

// The in-process worker needs the same AUTH_SECRET as Next: webhook secrets are encrypted under it (lib/webhooks/secret.ts).
process.env.AUTH_SECRET = ensureAuthSecret(production);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: target.url,
  APP_ENV: appEnv,
  AUTH_SECRET: process.env.AUTH_SECRET,
  AUTH_TRUST_HOST: 'true',
  NEXT_TELEMETRY_DISABLED: '1',
  PORT: port,
};
// Jobs (settlement, renewals, enforcement) run in this process in development and test,
// so `npm run dev` needs no other command; production runs `npm run worker` instead.
let worker: WorkerLoop | null = null;
let workerDb: ReturnType<typeof createDb> | null = null;
if (!production && process.env.DISABLE_JOB_WORKER !== '1') {
  process.env.APP_ENV = appEnv;
  workerDb = createDb(target.url, { max: 4 });
  worker = startWorkerLoop(workerDb.db, { workerId: `serve:${process.pid}`, intervalMs: Number(process.env.WORKER_INTERVAL_MS ?? 10_000) });
}

// Next.js runs behind scripts/next-server.ts, which stamps each request with the client's
// socket address (issue 13 item 2: rate limits must not trust X-Forwarded-For).
const tsxBin = path.resolve('node_modules/.bin/tsx');
const child: ChildProcess = spawn(tsxBin, [...nextServerNodeFlags(process.env.NEXT_SERVER_NODE_FLAGS), 'scripts/next-server.ts', mode, port, ...(mode === 'dev' ? [] : [process.env.HOST ?? '127.0.0.1'])], {
  env: { ...env, NODE_ENV: mode === 'dev' ? 'development' : 'production' },
  stdio: 'inherit',
});

console.log(`\nTRTC billing console (${appEnv}) on http://localhost:${port}`);
if (capture) console.log(`  mail capture on ${capture.url} (mailbox: http://localhost:${port}/dev/mail)`);
if (!production) {
  for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(8)} ${l.email} / ${l.password}`);
}
console.log('');
removeStartHandlers();

/**
 * Node flags of the Next.js process (tsx hands them to node). V8 settings (issue 11, the
 * usage API at 100k records/s): a young generation of 64 MB semi-spaces instead of V8's
 * 16 MB. A usage batch (up to 5 MB of JSON, 10,000 records) allocates tens of MB that die
 * within the request; with small semi-spaces scavenges run several times per batch and copy
 * (then promote to the old generation) whatever of the batch is alive at that moment
 * (bench:ingest: ~0.6 µs of server CPU per record). The price is up to ~128 MB more
 * resident memory when busy. NEXT_SERVER_NODE_FLAGS adds flags (the benchmarks' --cpu-prof);
 * a --max-semi-space-size there wins.
 */
function nextServerNodeFlags(extra: string | undefined): string[] {
  const flags = (extra ?? '').split(/\s+/).filter(Boolean);
  return flags.some((f) => f.startsWith('--max-semi-space-size')) ? flags : ['--max-semi-space-size=64', ...flags];
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  await worker?.stop().catch((err: unknown) => log.error({ err }, 'stopping the job worker failed'));
  await workerDb?.close().catch(() => {});
  await capture?.stop().catch(() => {});
  await captureDb?.close().catch(() => {});
  await target.stop().catch((err: unknown) => log.error({ err }, 'stopping PostgreSQL failed'));
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
child.on('exit', (code) => void shutdown(code ?? 0));
