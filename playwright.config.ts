import fs from 'node:fs';
import { register } from 'node:module';
import { defineConfig, devices } from '@playwright/test';

// Specs import modules of the console that import JSON without an import attribute (e2e/json-modules.mjs).
register('./e2e/json-modules.mjs', import.meta.url);

/**
 * e2e against a production build in test mode (APP_ENV=test: test clocks and the
 * developer tools exist), on a fresh database of its own embedded PostgreSQL,
 * driven in Debian's Chromium (never a downloaded browser).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const pgPort = Number(process.env.E2E_PG_PORT ?? port + 51249);
const distDir = port === 3100 ? '.next' : `.next-e2e-${port}`;
export const E2E_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${pgPort}/e2e`;
/** The embedded SMTP capture of the run (lib/email/capture-server.ts), on a port of its own. */
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 22000);
export const E2E_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A missing browser is one paragraph, not a launch stack trace per spec (issue 14 item 1).
if (!fs.existsSync(chromium)) {
  console.error(
    `\nThe e2e tests drive Chromium at ${chromium}, and it is not there. Install it (Debian/Ubuntu: apt-get install chromium), ` +
      `or point CHROMIUM_PATH at a Chromium or Chrome binary. Playwright's downloaded browsers are not used.\n`,
  );
  process.exit(1);
}
/** The language switch's cookie (lib/i18n/config.ts LOCALE_COOKIE), English for every context by default. */
export const E2E_LANGUAGE_COOKIE = { name: 'NEXT_LOCALE', value: 'en', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' as const };
// The build skips Next's own type check: `npm test` runs `tsc --noEmit` over the same files first
// (scripts/e2e-build.mjs; it also keeps tsconfig.json as it was).
const build = process.env.E2E_SKIP_BUILD ? '' : 'node scripts/e2e-build.mjs && ';
/**
 * Three workers on their own accounts (the specs make their own customers; the demo admin and
 * customer are shared read-mostly, e2e/fixtures-auth.ts). On the 2-core machine two workers left
 * a quarter of the CPU idle while a test waited on the server or the network (issue 15: 1.5
 * cores used with two, 1.9 with three; the run 15 % shorter). E2E_WORKERS=1 runs one spec at a time.
 */
const workers = Number(process.env.E2E_WORKERS ?? 3);
/**
 * New password hashes at a test cost in the e2e server and the spec workers (lib/auth/password.ts
 * newHashLogN, APP_ENV=test): each sign-in still checks a real scrypt hash, in milliseconds instead
 * of most of a second of CPU (the production cost is asserted by lib/auth/password.test.ts).
 */
export const E2E_SCRYPT_LOG_N = '12';

export default defineConfig({
  testDir: './e2e',
  // Files run side by side; the tests of one file in order (a file's tests may build on each other).
  fullyParallel: false,
  workers,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // English unless a spec says otherwise: CNY accounts default to Chinese (lib/i18n/config.ts),
    // and the specs read English labels. The language specs set this cookie themselves.
    storageState: { cookies: [E2E_LANGUAGE_COOKIE], origins: [] },
    // A trace records a screencast and a DOM snapshot per action in every test; recording it for
    // all of them cost a third of Chromium's CPU (issue 15). It is recorded on the retry of a
    // failed test (CI retries once); locally, rerun a failing spec with `--trace on`.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  projects: [
    // The demo admin and customer sign in once; the specs reuse their state (e2e/global.setup.ts).
    { name: 'setup', testMatch: /global\.setup\.ts$/ },
    { name: 'chromium', dependencies: ['setup'], use: { ...devices['Desktop Chrome'], viewport: { width: 1360, height: 860 } } },
  ],
  webServer: {
    command: `${build}node_modules/.bin/tsx scripts/serve.ts start`,
    url: `http://127.0.0.1:${port}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      APP_ENV: 'test',
      DATABASE_URL: '', // always the run's own embedded server, never a configured one
      PORT: String(port),
      HOST: '127.0.0.1',
      NEXT_DIST_DIR: distDir,
      EMBEDDED_PG_DIR: `.data/pg-e2e-${port}`,
      EMBEDDED_PG_PORT: String(pgPort),
      DATABASE_NAME: 'e2e',
      FRESH_DATABASE: '1',
      // Every spec signs up from 127.0.0.1; the per-address limit itself is tested in lib/accounts/sign-up.int.test.ts.
      SIGN_UPS_PER_ADDRESS_PER_HOUR: '500',
      SCRYPT_LOG_N_FOR_TESTS: E2E_SCRYPT_LOG_N,
      SMTP_URL: '', // always the run's own capture server
      MAIL_CAPTURE_PORT: String(smtpPort),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
