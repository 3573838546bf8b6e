import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

/**
 * Every e2e spec (and the run's setup) takes `test` from e2e/fixtures-test.ts, not straight from
 * '@playwright/test': its browser gives every context the run's init script (no Next.js viewport
 * prefetch, issue 15). A spec that imported Playwright's own `test` would still pass, only slower,
 * so this says so instead.
 */
const E2E = path.resolve(import.meta.dirname, '../../e2e');

test('e2e specs import test from ./fixtures-test', () => {
  const specs = readdirSync(E2E).filter((f) => /\.spec\.ts$/.test(f) || f === 'global.setup.ts');
  expect(specs.length).toBeGreaterThan(40);
  const direct = specs.filter((f) => /from '@playwright\/test'/.test(readFileSync(path.join(E2E, f), 'utf8')));
  expect(direct, "import from './fixtures-test' instead of '@playwright/test'").toEqual([]);
  const without = specs.filter((f) => !/from '\.\/fixtures-test'/.test(readFileSync(path.join(E2E, f), 'utf8')));
  expect(without).toEqual([]);
});
