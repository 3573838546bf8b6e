import 'server-only';
import { createDb, type Database, type DbHandle } from './client';

export type { Database, DbOrTx, Transaction } from './client';

/**
 * The one connection pool of the server process. The URL comes from DATABASE_URL,
 * which scripts/serve.ts sets to the embedded server when none is given.
 * Kept on globalThis so dev-mode reloads do not open a pool per reload.
 */
const globalForDb = globalThis as unknown as { __billingDb?: DbHandle };

function handle(): DbHandle {
  if (!globalForDb.__billingDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error(
        'DATABASE_URL is not set. Start the console with `npm run dev` (embedded PostgreSQL) or set DATABASE_URL to your server.',
      );
    }
    globalForDb.__billingDb = createDb(url);
  }
  return globalForDb.__billingDb;
}

/** Drizzle over the shared pool; connects on first use, not at import (keeps `next build` free of a database). */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const h = handle();
    const real = h.db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    // The postgres.js client beside it (db/raw.ts `rawSqlOf(db)`) is handed as is: binding would drop its methods.
    if (value === h.sql) return value;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});
