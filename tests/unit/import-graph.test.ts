import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * Arrows point down (docs/architecture.md, Layers; issue 15): app → components → lib → db.
 * Read from the import statements of the source files (static `import`/`export … from`,
 * dynamic `import()`, `require()` and `vi.mock()`), type-only imports included.
 *
 * - `db/` imports nothing from `lib/` (nor from `components/`, `app/`, `scripts/`), its tests
 *   included: what the storage layer stores it owns (the configured Decimal of numeric columns,
 *   the languages of `accounts.locale`, the outage rule of the pool); queries that shape rows
 *   with domain rules live beside their domain (`lib/<domain>/queries.ts`).
 * - `components/` imports nothing from `app/`: pages hand server actions to components as props.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string, { tests = false } = {}): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel, { tests }));
    else if (/\.(ts|tsx)$/.test(name) && (tests || !/\.test\.tsx?$/.test(name))) out.push(rel);
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:import|require|vi\.mock|vi\.doMock)\(\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** Project-relative targets of a file's imports (`@/x` and relative paths); packages are left out. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec) continue;
    if (spec.startsWith('@/')) out.push(spec.slice(2));
    else if (spec.startsWith('.')) out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
  }
  return out;
}

/** An import target as a file path ('lib/time' → 'lib/time/index.ts'). */
function asFile(target: string): string {
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`]) {
    try {
      if (statSync(path.join(ROOT, candidate)).isFile()) return candidate;
    } catch {
      // next candidate
    }
  }
  return target;
}

function arrows(fromDir: string, forbidden: (target: string) => boolean, options: { tests?: boolean } = {}): string[] {
  return sourceFiles(fromDir, options).flatMap((file) => importsOf(file).map(asFile).filter(forbidden).map((target) => `${file} → ${target}`));
}

/** Layers above db/: nothing of theirs is imported from db/. */
const ABOVE_DB = ['lib/', 'components/', 'app/', 'scripts/'];
const isAboveDb = (target: string) => ABOVE_DB.some((p) => target.startsWith(p));

describe('the import graph points down', () => {
  test('the reader finds imports (a check that reads nothing would pass anything)', () => {
    expect(importsOf('db/queries/packages.ts')).toContain('db/schema');
    expect(sourceFiles('db').length).toBeGreaterThan(10);
    expect(sourceFiles('db', { tests: true }).length).toBeGreaterThan(sourceFiles('db').length);
    expect(sourceFiles('components').length).toBeGreaterThan(20);
    expect(arrows('scripts', (t) => t.startsWith('lib/')).length).toBeGreaterThan(0);
    expect(arrows('lib', (t) => t.startsWith('db/')).length).toBeGreaterThan(0);
  });

  test('db/ imports nothing from lib/ (or any layer above), its tests included', () => {
    expect(arrows('db', isAboveDb, { tests: true })).toEqual([]);
  });

  test('components/ import nothing from app/ (actions come as props from the pages)', () => {
    expect(arrows('components', (t) => t.startsWith('app/'))).toEqual([]);
  });
});
