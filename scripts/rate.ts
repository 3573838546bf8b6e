/**
 * The `rate` command (rating.md section 5).
 *   npm run --silent rate -- FILE...                 one JSON line per scenario file, in order
 *   npm run --silent rate -- --book ID --jsonl FILE  stream a JSON Lines file of usage records
 * A file that cannot be rated prints {"file","error"}; the command then exits 1 after the others.
 * Nothing else is written to stdout.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { findPriceBook, unknownPriceBook } from '@/lib/rating/books';
import { rateJsonl } from '@/lib/rating/jsonl';
import { rateScenario, toRateOutput } from '@/lib/rating/scenario';

type Line = Record<string, unknown>;

const out = (line: Line) => process.stdout.write(`${JSON.stringify(line)}\n`);

function rateScenarioFile(file: string): Line {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { file, error: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { file, error: `not valid JSON: ${(e as Error).message}` };
  }
  const rated = rateScenario(json, { explain: false });
  return rated.ok ? { file, ...toRateOutput(rated.result) } : { file, error: rated.error };
}

async function rateJsonlFile(file: string, bookId: string): Promise<Line> {
  const book = findPriceBook(bookId);
  if (!book) return { file, error: unknownPriceBook(bookId) };
  try {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    const rated = await rateJsonl(stream, { book });
    return rated.ok ? { file, ...toRateOutput(rated.result) } : { file, error: rated.error };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { file, error: err.code ? `cannot read file: ${err.code}` : err.message };
  }
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: rate FILE...\n       rate --book ID --jsonl FILE\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  let book: string | undefined;
  let jsonl: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--book') book = argv[++i] ?? usage('--book needs a price book id');
    else if (arg === '--jsonl') jsonl = argv[++i] ?? usage('--jsonl needs a file');
    else if (arg === '--') continue;
    else files.push(arg);
  }
  if (jsonl !== undefined || book !== undefined) {
    if (jsonl === undefined || book === undefined || files.length) usage('--book ID and --jsonl FILE go together, without scenario files');
    const started = performance.now();
    const line = await rateJsonlFile(jsonl, book);
    out(line);
    // For scripts/bench-rating.ts: the rating time without process start-up, and the peak RSS.
    if (process.env.RATE_BENCH_REPORT) {
      process.stderr.write(`${JSON.stringify({ elapsedMs: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS })}\n`);
    }
    return 'error' in line ? 1 : 0;
  }
  if (!files.length) usage('no scenario files');
  let failed = false;
  for (const file of files) {
    const line = rateScenarioFile(file);
    if ('error' in line) failed = true;
    out(line);
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`rate: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
