import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Shared by bench:ingest and bench:pages: free ports, a production build of the console
 * in its own directory, and a production server (`next start`) on loopback, with the
 * peak RSS of its process tree read from /proc.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export const BENCH_DIST_DIR = '.data/next-bench';

/**
 * `next build` into .data/next-bench unless a build is there and BENCH_REBUILD is unset.
 * Next rewrites tsconfig.json's include list for a new dist dir; it is put back as it was.
 */
export function ensureProductionBuild(): void {
  const buildId = path.resolve(BENCH_DIST_DIR, 'BUILD_ID');
  if (fs.existsSync(buildId) && !process.env.BENCH_REBUILD) {
    console.log(`Using the production build in ${BENCH_DIST_DIR} (BENCH_REBUILD=1 to rebuild).`);
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
function treePids(root: number): number[] {
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

export async function startProductionServer(env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(path.resolve('node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...env, NEXT_DIST_DIR: BENCH_DIST_DIR, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1', AUTH_TRUST_HOST: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.on('data', () => {});
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/sign-in`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
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
