import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { withAvailability } from './availability';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle: query and service functions take `DbOrTx` first so they compose. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Transaction;

export type DbHandle = { db: Database; sql: postgres.Sql; close: () => Promise<void> };

/**
 * Create a pool for a URL. The app uses the one in db/index.ts; scripts and tests may make their own.
 * Every query's failure passes db/availability.ts: an unreachable database becomes a
 * ServiceUnavailableError (503 + Retry-After wherever it is met), noted before the caller sees it.
 */
export function createDb(url: string, options: { max?: number } = {}): DbHandle {
  const sql = withAvailability(postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // While the database is down, fail fast (503 + Retry-After, lib/availability.ts) instead of
    // queueing queries behind postgres.js's reconnect backoff, which grows to 20 s a try.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    connect_timeout: 5,
    // numeric stays a string here; db/schema/columns.ts turns it into a Decimal.
    connection: { application_name: 'trtc-billing', TimeZone: 'UTC' },
  }));
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
