// `next build` for an e2e run (playwright.config.ts' webServer), in the run's own dist dir
// (NEXT_DIST_DIR), without Next's own type check: `npm test` runs `tsc --noEmit` over the same
// files before the tests (package.json), so checking them again in the build only costs time.
// Next's config check still adds the dist dir's type globs to tsconfig.json's include
// (".next-e2e-<port>/types/**/*.ts"); those are put back as they were, so a run leaves no diff.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const TSCONFIG = 'tsconfig.json';
const before = fs.readFileSync(TSCONFIG, 'utf8');
const build = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_SKIP_TYPECHECK: '1' } });
if (fs.readFileSync(TSCONFIG, 'utf8') !== before) fs.writeFileSync(TSCONFIG, before);
if (build.error) throw build.error;
process.exit(build.status ?? 1);
