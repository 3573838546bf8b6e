import { inject } from 'vitest';
import { createWorkerDatabase } from './worker-database-name';

/**
 * Setup file of the integration project: this worker's own database, a copy of the migrated
 * template (tests/global-setup.ts). Set before the test file is imported, so `DATABASE_URL`
 * (db/index.ts, child processes) and `inject('databaseUrl')` (tests/db.ts and the tests that
 * open a pool of their own) both name it.
 */
const url = await createWorkerDatabase(inject('databaseAdminUrl'), inject('databaseTemplate'), process.env.VITEST_POOL_ID ?? '1');
process.env.DATABASE_URL = url;

// inject() reads the worker's provided context; point its `databaseUrl` at this worker's copy.
const state = (globalThis as { __vitest_worker__?: { providedContext?: Record<string, unknown> } }).__vitest_worker__;
if (state?.providedContext) state.providedContext.databaseUrl = url;
if (inject('databaseUrl') !== url) {
  throw new Error("tests/worker-database.ts could not give this worker its own database (vitest's worker state changed?): inject('databaseUrl') names another one");
}
