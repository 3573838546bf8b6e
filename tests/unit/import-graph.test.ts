import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * Arrows point down (docs/architecture.md, Layers; issue 15): app → components → lib → db.
 * Read from the import statements of the source files (static `import`/`export … from` and
 * dynamic `import()`), type-only imports included.
 *
 * - `db/` imports nothing from `lib/` except the modules BELOW_DB: pure foundation and domain
 *   types that import no database, no service and nothing else of lib/ (checked below).
 * - `components/` imports nothing from `app/`: pages hand server actions to components as props.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

/** lib/ modules that sit below db/: pure, no I/O; each may import only modules of this list. */
const BELOW_DB: readonly string[] = [
  'lib/money/', // Decimal, formatting (numeric columns come back as Decimal)
  'lib/time/', // local dates, zones, calendar arithmetic
  'lib/rating/', // the pure rating library: price books, catalog, record types
  'lib/availability.ts', // the "database unavailable" error the pool raises
  'lib/table-params.ts', // zod schemas of list filters
  'lib/notices/kinds.ts', // notice kinds and groups (domain types)
  'lib/packages/catalog.ts', // product labels and the offered editions (data)
  'lib/packages/custom-size.ts',
  'lib/auth/session-age.ts', // the session lifetime
  'lib/i18n/config.ts', // the languages and the rule choosing one (the accounts.locale enum)
];

const isBelowDb = (file: string) => BELOW_DB.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

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

function arrows(fromDir: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(fromDir).flatMap((file) => importsOf(file).map(asFile).filter(forbidden).map((target) => `${file} → ${target}`));
}

describe('the import graph points down', () => {
  test('the reader finds imports (a check that reads nothing would pass anything)', () => {
    expect(importsOf('db/queries/packages.ts')).toContain('db/schema');
    expect(sourceFiles('db').length).toBeGreaterThan(10);
    expect(sourceFiles('components').length).toBeGreaterThan(20);
    expect(arrows('scripts', (t) => t.startsWith('lib/') && !isBelowDb(t)).length).toBeGreaterThan(0);
  });

  test('db/ imports from lib/ only the modules below it', () => {
    expect(arrows('db', (t) => t.startsWith('lib/') && !isBelowDb(t))).toEqual([]);
  });

  test('the modules below db/ import only each other (no db, no service)', () => {
    const below = sourceFiles('lib').filter(isBelowDb);
    expect(below.length).toBeGreaterThan(10);
    const out = below.flatMap((file) => importsOf(file).map(asFile).filter((t) => !isBelowDb(t)).map((t) => `${file} → ${t}`));
    expect(out).toEqual([]);
  });

  test('components/ import nothing from app/ (actions come as props from the pages)', () => {
    expect(arrows('components', (t) => t.startsWith('app/'))).toEqual([]);
  });
});
