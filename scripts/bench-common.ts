import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';

export { freePort };

/**
 * Shared by the benchmarks: the usage generator, a fresh benchmark database, a production
 * build of the console in its own directory, and a production server (`npm start`'s
 * scripts/serve.ts) on loopback with the peak RSS of its process tree read from /proc.
 */

/**
 * ../shared/bench/make-usage.mjs, copied so the benchmarks run without ../shared: the same
 * records in the same order for the same (n, apps, days). `appId` maps the generator's
 * application number (0 .. apps-1) onto an SDKAppID (default 1400000000 + number, as the
 * original writes).
 */
export function* makeUsageLines(options: { n: number; apps: number; days: number; appId?: (index: number) => number }): Generator<{ app: number; line: string }> {
  const appId = options.appId ?? ((i: number) => 1_400_000_000 + i);
  // mulberry32, as make-usage.mjs now has it: every residue is reachable (the power-of-two
  // LCG it replaced cycled its low bits, so `seed % 1000` gave only 128 distinct applications).
  let seed = 42;
  const rand = (k: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % k;
  };
  const sizes = [[640, 360], [640, 480], [960, 720], [1280, 720], [1920, 1080], [2560, 1440], [3840, 2160]];
  for (let i = 0; i < options.n; i++) {
    const day = 1 + rand(options.days);
    const hh = String(rand(24)).padStart(2, '0'), mm = String(rand(60)).padStart(2, '0'), ss = String(rand(60)).padStart(2, '0');
    const receive: { stream: string; audio: boolean; video?: number[] }[] = [];
    const streams = rand(5);
    for (let s = 0; s < streams; s++) {
      const video = rand(3) > 0;
      const item: { stream: string; audio: boolean; video?: number[] } = { stream: `s${s}`, audio: true };
      if (video) item.video = sizes[rand(sizes.length)];
      receive.push(item);
    }
    const app = appId(rand(options.apps));
    const line = JSON.stringify({
      type: 'media', app, room: `r${rand(100)}`, user: `u${rand(10000)}`,
      start: `2024-10-${String(day).padStart(2, '0')}T${hh}:${mm}:${ss}+08:00`, seconds: 1 + rand(3600), receive,
    });
    yield { app, line };
  }
}

export type BenchDatabase = { url: string; server: EmbeddedServer; stop: () => Promise<void> };

/** A fresh, migrated database on a throw-away embedded server under .data/pg-bench-<name> (never the dev database). */
export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const dataDir = path.resolve(`.data/pg-bench-${name}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  console.log(`Starting a benchmark PostgreSQL (${path.relative(process.cwd(), dataDir)}, port ${port}) ...`);
  const server = await startEmbeddedPostgres({ dataDir, port });
  const database = `bench_${name}`;
  await dropDatabase(server.url(), database).catch(() => {});
  await ensureDatabase(server.url(), database);
  const url = server.url(database);
  await runMigrations(url);
  return {
    url,
    server,
    stop: async () => {
      await server.stop();
      if (!process.env.BENCH_KEEP) server.remove();
    },
  };
}

export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR ?? '.data/next-bench';

/** The newest modification time of the sources a production build is made of. */
function newestSourceMs(): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['app', 'components', 'lib', 'db', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json']) visit(p);
  return newest;
}

/**
 * `next build` into .data/next-bench unless a build newer than every source is there and
 * BENCH_REBUILD is unset: a stale build would measure code that is no longer the code.
 * Next rewrites tsconfig.json's include list for a new dist dir; it is put back as it was.
 */
export function ensureProductionBuild(): void {
  const buildId = path.resolve(BENCH_DIST_DIR, 'BUILD_ID');
  const built = fs.statSync(buildId, { throwIfNoEntry: false });
  if (built && !process.env.BENCH_REBUILD && built.mtimeMs >= newestSourceMs()) {
    console.log(`Using the production build in ${BENCH_DIST_DIR}: newer than every source (BENCH_REBUILD=1 to rebuild).`);
    return;
  }
  console.log(`Building the console for production into ${BENCH_DIST_DIR} (a few minutes) ...`);
  const tsconfig = fs.readFileSync('tsconfig.json', 'utf8');
  try {
    const r = spawnSync(path.resolve('node_modules/.bin/next'), ['build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) throw new Error('next build failed');
  } finally {
    fs.writeFileSync('tsconfig.json', tsconfig);
  }
}

export type BenchServer = { url: string; child: ChildProcess; peakRssBytes: () => number; stop: () => Promise<void> };

/** All pids of a process tree (the server and its workers). */
export function treePids(root: number): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    try {
      const children = fs.readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, 'utf8').trim();
      if (children) out.push(...children.split(/\s+/).map(Number));
    } catch {
      // gone
    }
  }
  return out;
}

function rssOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds (user + system) used so far by a process tree, its reaped children included
 * (/proc/<pid>/stat utime, stime, cutime, cstime): what a benchmark spends per record
 * whatever else the machine runs.
 */
export function treeCpuSeconds(root: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of treePids(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields 14..17 of stat(5), counted from `state` (field 3) here
      total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick;
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * CPU seconds used so far by each kind of process under the postmaster (`postgres:
 * checkpointer`, `walwriter`, `autovacuum worker`, client backends, ...; the postmaster's own
 * and its reaped children's — exited autovacuum workers and backends — as `postmaster+reaped`):
 * where PostgreSQL's share of a benchmark's CPU goes.
 */
export function pgCpuByKind(postmaster: number): Record<string, number> {
  const tick = 100;
  const out: Record<string, number> = {};
  for (const pid of treePids(postmaster)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let kind: string;
      if (pid === postmaster) {
        kind = 'postmaster+reaped';
      } else {
        const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
        // "postgres: checkpointer", "postgres: autovacuum worker bench_ingest", "postgres: user db 127.0.0.1(port) COPY"
        const m = /^postgres: (checkpointer|background writer|walwriter|autovacuum launcher|autovacuum worker|logical replication launcher|io worker)/.exec(title);
        kind = m ? (m[1] as string) : 'backends';
      }
      out[kind] = (out[kind] ?? 0) + (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick;
    } catch {
      // gone
    }
  }
  return out;
}

/**
 * The console as production starts it (`npm start` = scripts/serve.ts start, which runs
 * migrations, then Next.js behind scripts/next-server.ts with the V8 settings production
 * gets) on loopback, against `env.DATABASE_URL` (nothing embedded is started; production
 * starts no in-process job worker and no mail capture), so the figures are production's.
 * BENCH_SERVER_PROFILE=<dir> runs the Next.js process under `--cpu-prof` (a .cpuprofile
 * in <dir> when the server stops; NEXT_SERVER_NODE_FLAGS, scripts/serve.ts).
 */
export async function startProductionServer(env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const profile = process.env.BENCH_SERVER_PROFILE;
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/serve.ts', 'start'], {
    env: {
      ...process.env,
      ...env,
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      PORT: String(port),
      HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(profile ? { NEXT_SERVER_NODE_FLAGS: `${process.env.NEXT_SERVER_NODE_FLAGS ?? ''} --cpu-prof --cpu-prof-dir=${path.resolve(profile)}`.trim() } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // BENCH_SERVER_LOG=<file> keeps what the server prints (its request log, or --trace-gc through NEXT_SERVER_NODE_FLAGS).
  if (process.env.BENCH_SERVER_LOG) child.stdout?.pipe(fs.createWriteStream(process.env.BENCH_SERVER_LOG));
  else child.stdout?.on('data', () => {});
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/sign-in`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`the production server exited (${child.exitCode}) before answering`);
    if (Date.now() > deadline) throw new Error('the production server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  // Peak RSS per process is sampled while running (VmHWM of each pid; the max of their sum of current RSS too).
  let peak = 0;
  const sample = () => {
    const pids = treePids(child.pid as number);
    const hwm = pids.reduce((s, p) => s + rssOf(p, 'VmHWM'), 0);
    peak = Math.max(peak, hwm);
  };
  const timer = setInterval(sample, 200);
  return {
    url,
    child,
    peakRssBytes: () => {
      sample();
      return peak;
    },
    stop: async () => {
      clearInterval(timer);
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
    },
  };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/**
 * Sign in through Auth.js's credentials endpoint, as the benchmarks' simulated browsers do;
 * returns the Cookie header of the new session (throws when no session cookie came back).
 */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/overview` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in of ${email} failed (${res.status})`);
  return cookie();
}

export type PageAnswer = { status: number; ms: number; body: string; retryAfter: string | null };

/** One page as a signed-in browser asks for it (redirects not followed): status, time to the last byte, body. Network errors throw. */
export async function fetchPage(base: string, path: string, cookie: string, options: { timeoutMs?: number } = {}): Promise<PageAnswer> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie }, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  const body = await res.text();
  return { status: res.status, ms: performance.now() - t, body, retryAfter: res.headers.get('retry-after') };
}
