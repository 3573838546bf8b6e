import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import net from 'node:net';
import postgres from 'postgres';
import { withAvailability } from './availability';
import { linkTransactions, trackTransactions } from './raw';
import * as schema from './schema';

/** Drizzle over postgres.js (its client: the pool); raw SQL goes through `rawSqlOf` (db/raw.ts). */
export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A transaction handle: query and service functions take `DbOrTx` first so they compose. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Transaction;

/** `sql` is the postgres.js client beside `db`: the same as `rawSqlOf(db)` (db/raw.ts). */
export type DbHandle = { db: Database; sql: postgres.Sql; close: () => Promise<void> };

/**
 * Create a pool for a URL. The app uses the one in db/index.ts; scripts and tests may make their own.
 * Every query's failure passes db/availability.ts: an unreachable database becomes a
 * ServiceUnavailableError (503 + Retry-After wherever it is met), noted before the caller sees it.
 */
export function createDb(url: string, options: { max?: number } = {}): DbHandle {
  const sql = trackTransactions(withAvailability(postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // While the database is down, fail fast (503 + Retry-After, db/availability.ts) instead of
    // queueing queries behind postgres.js's reconnect backoff, which grows to 20 s a try.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    connect_timeout: 5,
    // postgres.js reads `socket` (a socket factory) but its 3.4 types do not declare it.
    ...({ socket: noDelaySocket() } as object),
    // numeric stays a string here; db/schema/columns.ts turns it into a Decimal.
    connection: { application_name: 'trtc-billing', TimeZone: 'UTC' },
  })));
  // The raw client stays beside the Drizzle instance, its transactions' too (db/raw.ts).
  const db = linkTransactions(drizzle(sql, { schema }));
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/**
 * TCP sockets with Nagle's algorithm off. postgres.js leaves it on, and a COPY (several small
 * writes, then CopyDone) then waits for the server's delayed ACK: 176 ms for two 100-row COPYs
 * in a transaction, 3 ms with it off, measured on the embedded server. Every usage batch does
 * two COPYs (records and aggregates: issue 11 item 1), so ingest waited ~180 ms a batch
 * whatever its size. postgres.js takes the socket as given and, with this option, no longer
 * connects it itself: hosts are tried in turn as it would, a Unix socket path as is; TLS,
 * the connect timeout and reconnects stay postgres.js's.
 */
function noDelaySocket() {
  let next = 0;
  return (o: { host: string[]; port: number[]; path?: string | false }): net.Socket => {
    if (o.path) return net.connect(o.path);
    const i = next++ % o.port.length;
    return net.connect({ host: o.host[i], port: o.port[i]!, noDelay: true });
  };
}
