import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * One path to raw SQL (docs/architecture.md, Raw SQL; issue 15): `rawSqlOf(db | tx)` of
 * db/raw.ts gives the postgres.js client beside a Drizzle handle. Read from the source:
 * - nothing reaches into Drizzle's private session (`session.client`) or a postgres.js query's
 *   internals (`.reject =`) outside db/raw.ts; Drizzle's `$client` is read only there (its type
 *   is declared in db/client.ts);
 * - no second client: `postgres(` and `drizzle(` are called only where the pool is made;
 * - `postgres` itself is imported only in db/ (lib/ and app/ take the `RawSql` / `RawTx` types
 *   of db/raw.ts).
 * Test files (`*.test.ts`) may use `createDb(...).sql`, the same client.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['app', 'components', 'lib', 'db', 'scripts', 'tests', 'e2e'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

const files = DIRS.flatMap(sourceFiles).filter((f) => f !== 'tests/unit/raw-sql-path.test.ts');
const text = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));

/** Files whose source matches `re`, except the allowed ones. */
function offenders(re: RegExp, allowed: readonly string[] = []): string[] {
  return files.filter((f) => !allowed.includes(f) && re.test(text.get(f)!)).sort();
}

describe('one path to raw SQL', () => {
  test('the reader finds the path in use (a check that reads nothing would pass anything)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(offenders(/\brawSqlOf\(/).length).toBeGreaterThan(5);
    expect(offenders(/\$client/)).toEqual(['db/client.ts', 'db/raw.ts']);
  });

  test("no reach into Drizzle's session or a postgres.js query's internals outside db/raw.ts", () => {
    expect(offenders(/\$client|session\??\.client\b|session\?: \{ client|\brawClient\b/, ['db/raw.ts', 'db/client.ts'])).toEqual([]);
    expect(offenders(/\.reject\s*=[^=]/, ['db/raw.ts'])).toEqual([]);
  });

  test('one client: postgres() and drizzle() only where the pool is made', () => {
    // db/embedded.ts: the embedded server's admin connection (create/drop a database), not the app's pool.
    expect(offenders(/\bpostgres\s*\(/, ['db/client.ts', 'db/embedded.ts'])).toEqual([]);
    expect(offenders(/\bdrizzle\s*\(/, ['db/client.ts'])).toEqual([]);
  });

  test("only db/ imports 'postgres' (others take RawSql / RawTx from db/raw.ts)", () => {
    expect(files.filter((f) => !f.startsWith('db/') && /from\s+['"]postgres['"]/.test(text.get(f)!))).toEqual([]);
  });
});
