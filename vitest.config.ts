import { defineConfig } from 'vitest/config';
import os from 'node:os';
import path from 'node:path';

// Two projects: pure unit tests (no database) and integration tests against a
// fresh database on the embedded PostgreSQL server (see tests/global-setup.ts).
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/stubs/server-only.ts'),
    },
  },
  test: {
    // Both projects share one pool. Vitest's default (cores - 1) is a single worker on a 2-core
    // machine; the integration files wait on PostgreSQL much of the time, so two workers pay.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // scrypt (N=2^17) and the fast-check properties are CPU-bound: a loaded 2-core machine needs more than 5 s.
          testTimeout: 30_000,
          include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts', 'components/**/*.test.tsx'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', '.next/**'],
          globalSetup: ['tests/global-setup.ts'],
          // Each worker its own copy of the migrated database (tests/worker-database.ts): files run side by side.
          setupFiles: ['tests/worker-database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // New password hashes at scrypt N=2^12 instead of 2^17 (lib/auth/password.ts): the flows
          // are the same, a hash takes milliseconds; the unit project keeps and asserts the real cost.
          env: { SCRYPT_LOG_N_FOR_TESTS: '12' },
          // next-auth imports `next/server` without an extension; inlined, Vite resolves it
          // (tests/access imports the real lib/auth and replaces only `auth`).
          server: { deps: { inline: ['next-auth'] } },
        },
      },
    ],
  },
});
