import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * One error model (docs/architecture.md, Errors; issue 15), read from the source: answers are
 * built from `AppError` in one place per kind (route(), toFailure), not by hand.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

const files = ['app', 'lib', 'db', 'components'].flatMap(sourceFiles);
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

/** Error classes that are not answers: internal control flow or pure-library failures, each turned into an AppError or a result where it is met. */
const OTHER_ERROR_CLASSES = [
  'db/availability.ts', // ServiceUnavailableError: the outage, mapped by the same functions (503 / SERVICE_UNAVAILABLE)
  'lib/rating/classify-durations.ts', // RecordRuleError: the pure rating library's record refusal (becomes a record error)
  'lib/rating/rater.ts', // RatingRecordError: idem
  'lib/usage/csv.ts', // CsvFileError: the import's whole-file refusal (becomes the import result)
  'lib/usage/import.ts', // FileRefusal: idem
  'db/embedded.ts', // StartFailure: the embedded server did not start (tooling)
];

describe('one error model', () => {
  test('no error class besides AppError for answers', () => {
    const classes = files.filter((f) => /class \w+ extends Error\b/.test(read(f)));
    expect(classes).toContain('lib/errors.ts');
    expect(classes.filter((f) => f !== 'lib/errors.ts' && !OTHER_ERROR_CLASSES.includes(f))).toEqual([]);
  });

  test('no error JSON written by hand: errorBody (lib/errors.ts) only, the outage answer too', () => {
    const byHand = files.filter((f) => !f.startsWith('components/')).filter((f) => /Response\.json\(\s*\{\s*error\s*:/.test(read(f)) || /error:\s*\{\s*code\s*:/.test(read(f)));
    expect(byHand.filter((f) => f !== 'lib/errors.ts')).toEqual([]);
  });

  test('every route handler goes through the one wrapper', () => {
    const routes = files.filter((f) => f.startsWith('app/') && f.endsWith('/route.ts'));
    expect(routes.length).toBeGreaterThan(10);
    const WRAPPERS = /\broute\(|\bdevRoute\(|\busageApiResponse\(/;
    // Auth.js's own handlers (its errors go to the house logger: lib/auth/index.ts `logger`).
    const unwrapped = routes.filter((f) => f !== 'app/api/auth/[...nextauth]/route.ts' && !WRAPPERS.test(read(f)));
    expect(unwrapped).toEqual([]);
    expect(routes.filter((f) => /\bcatch\s*\(/.test(read(f)))).toEqual([]);
  });

  test('logs go through the logger (with the request id where there is one), not the console', () => {
    const consoleErrors = files.filter((f) => /console\.error\(/.test(read(f)) && !f.startsWith('db/'));
    expect(consoleErrors).toEqual([]);
  });
});
