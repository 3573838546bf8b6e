/**
 * npm run bench:rating -- [FILE] [N]
 * Rates N (default 1,000,000) usage records through the `rate --jsonl` path and compares
 * with a bare Node parse-and-sum of the same JSON Lines file (issue 3, item 9). Without
 * FILE, the records come from ../shared/bench/make-usage.mjs (or its copy in bench-common.ts
 * when ../shared is absent), written once to a temp directory and reused.
 * Both runs are child processes; each reports its own elapsed time (start-up excluded)
 * and peak RSS. Goals: rating within 2x of the baseline, peak RSS under 300 MB.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeUsageLines } from './bench-common';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHARED_GENERATOR = path.resolve(ROOT, '../shared/bench/make-usage.mjs');
const BOOK = 'trtc-2024-usd';

/** The generator's records (bench-common.ts, a copy of make-usage.mjs), streamed to a file. */
async function writeUsage(file: string, n: number, apps = 1000, days = 30): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  let batch: string[] = [];
  for (const { line } of makeUsageLines({ n, apps, days })) {
    batch.push(line);
    if (batch.length === 10000) {
      await write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length) await write(`${batch.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function usageFile(n: number): Promise<string> {
  const dir = path.join(tmpdir(), 'bench-rating');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `usage-${n}.jsonl`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const partial = `${file}.partial`;
  if (existsSync(SHARED_GENERATOR)) {
    const out = createWriteStream(partial);
    const child = spawn(process.execPath, [SHARED_GENERATOR, String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pipe(out);
    await new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`make-usage.mjs exited ${code}`)))));
    await new Promise<void>((resolve) => (out.writableFinished ? resolve() : out.on('finish', resolve)));
  } else {
    await writeUsage(partial, n);
  }
  renameSync(partial, file);
  return file;
}

/** The baseline: read stream, split lines, JSON.parse, sum `seconds`; nothing else. */
const BASELINE = `
const { createReadStream } = require('node:fs');
(async () => {
  const started = performance.now();
  let records = 0, seconds = 0, tail = '';
  for await (const chunk of createReadStream(process.argv[1], { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = tail + chunk; let from = 0, nl;
    while ((nl = text.indexOf('\\n', from)) !== -1) {
      if (nl > from) { seconds += JSON.parse(text.slice(from, nl)).seconds; records++; }
      from = nl + 1;
    }
    tail = text.slice(from);
  }
  if (tail) { seconds += JSON.parse(tail).seconds; records++; }
  process.stdout.write(JSON.stringify({ records, seconds, elapsedMs: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS }));
})();`;

type Measure = { elapsedMs: number; wallMs: number; maxRssKb: number };

function runBaseline(file: string): Measure & { records: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-e', BASELINE, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`baseline failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as Measure & { records: number }), wallMs: performance.now() - t };
}

function runRating(file: string): Measure & { output: Record<string, unknown> } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/rate.ts'), '--book', BOOK, '--jsonl', file], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, RATE_BENCH_REPORT: '1' },
  });
  const wallMs = performance.now() - t;
  const output = JSON.parse(r.stdout) as Record<string, unknown>;
  if (r.status !== 0 || 'error' in output) throw new Error(`rate --jsonl failed: ${String(output.error ?? r.stderr)}`);
  const report = JSON.parse(r.stderr.trim().split('\n').pop() ?? '{}') as { elapsedMs: number; maxRssKb: number };
  return { ...report, wallMs, output };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(args: string[]): Promise<void> {
  const numeric = args.filter((a) => /^\d+$/.test(a));
  const given = args.find((a) => !/^\d+$/.test(a));
  const n = Number(numeric[0] ?? 1_000_000);
  const file = given ?? (await usageFile(n));
  const mb = statSync(file).size / 1e6;

  const base = runBaseline(file);
  const rating = runRating(file);
  const records = base.records;
  const rate = (ms: number) => fmt(records / (ms / 1000));
  const ratio = rating.elapsedMs / base.elapsedMs;
  const wallRatio = rating.wallMs / base.wallMs;
  const rssMb = rating.maxRssKb / 1024;

  console.log(`bench:rating  ${file}  (${fmt(mb, 1)} MB, ${fmt(records)} records, book ${BOOK})`);
  console.log(`  baseline parse-and-sum : ${fmt(base.elapsedMs / 1000, 2)} s  ${rate(base.elapsedMs)} records/s  peak RSS ${fmt(base.maxRssKb / 1024)} MB  (wall ${fmt(base.wallMs / 1000, 2)} s)`);
  console.log(`  rate --jsonl           : ${fmt(rating.elapsedMs / 1000, 2)} s  ${rate(rating.elapsedMs)} records/s  peak RSS ${fmt(rssMb)} MB  (wall incl. tsx start-up ${fmt(rating.wallMs / 1000, 2)} s)`);
  console.log(`  ratio rating / baseline: ${fmt(ratio, 2)}x (goal <= 2x: ${ratio <= 2 ? 'met' : 'MISSED'}); wall ${fmt(wallRatio, 2)}x`);
  console.log(`  peak RSS of rating     : ${fmt(rssMb)} MB (goal < 300 MB: ${rssMb < 300 ? 'met' : 'MISSED'})`);
  console.log(`  rated amount ${String(rating.output.amount)} ${String(rating.output.currency)}, total ${String(rating.output.total)}`);
}

main(process.argv.slice(2).filter((a) => a !== '--')).catch((e: unknown) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});
