// `next build` for an e2e run (playwright.config.ts' webServer), in the run's own dist dir
// (NEXT_DIST_DIR), without Next's own type check: `npm test` runs `tsc --noEmit` over the same
// files before the tests (package.json), so checking them again in the build only costs time.
// On CI it does not write Turbopack's build cache either (below).
// Next's config check still adds the dist dir's type globs to tsconfig.json's include
// (".next-e2e-<port>/types/**/*.ts"); those are put back as they were, so a run leaves no diff.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const TSCONFIG = 'tsconfig.json';
const before = fs.readFileSync(TSCONFIG, 'utf8');
// On CI (a fresh clone, .ci/run) Turbopack's build cache is not written (NEXT_BUILD_CACHE=0, next.config.js):
// nothing reads it there, and writing it cost the build a fifth of its CPU (issue 15: 28.5 -> 22.5 s, 15.5 -> 12.5 s).
const cache = process.env.CI ? { NEXT_BUILD_CACHE: '0' } : {};
const build = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, ...cache, NEXT_SKIP_TYPECHECK: '1' } });
if (fs.readFileSync(TSCONFIG, 'utf8') !== before) fs.writeFileSync(TSCONFIG, before);
if (build.error) throw build.error;
process.exit(build.status ?? 1);
