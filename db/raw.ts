import { AsyncLocalStorage } from 'node:async_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import type { Database, DbOrTx, Transaction } from './client';

/**
 * The one path to raw SQL (issue 15): the postgres.js client beside a Drizzle handle, for what
 * Drizzle does not expose — COPY (`copyIn`), server-side cursors (`.cursor(n)`), advisory locks
 * on a reserved connection (`.reserve()`), a transaction of its own (`.begin`).
 *
 *   const sql = rawSqlOf(db);   // the pool: reserve(), begin(), a query on its own
 *   const sql = rawSqlOf(tx);   // the transaction's own connection: cursors, COPY, inside it
 *
 * `createDb` (db/client.ts) keeps the client beside the Drizzle instance: the database's is
 * drizzle's public `$client`; a transaction's is registered when Drizzle opens it (the body of
 * postgres.js's `begin`/`savepoint` runs with its client in an AsyncLocalStorage, and
 * `transaction(fn)` of the database and of every transaction records it for the `tx` handed
 * to `fn`). No private field of Drizzle is read. `createDb(...).sql` is the same client.
 *
 * Types of postgres.js are re-exported here: lib/ and app/ take `RawSql` / `RawTx`, never
 * import 'postgres' themselves (tests/unit/raw-sql-path.test.ts).
 */
export type RawSql = postgres.Sql;
export type RawTx = postgres.TransactionSql;
export type RawReserved = postgres.ReservedSql;
export type RawPendingQuery = postgres.PendingQuery<postgres.Row[]>;

export function rawSqlOf(handle: Database): RawSql;
export function rawSqlOf(handle: Transaction): RawTx;
export function rawSqlOf(handle: DbOrTx): RawSql | RawTx;
export function rawSqlOf(handle: DbOrTx): RawSql | RawTx {
  const tx = txClients.get(handle);
  if (tx) return tx;
  const client = (handle as Partial<Database>).$client;
  if (typeof client === 'function') return client;
  throw new Error('rawSqlOf: not a handle made by createDb (db/client.ts) or one of its transactions');
}

// Process-wide (globalThis), like the pool itself (db/index.ts): Next bundles this module into
// several server chunks, and a transaction opened through one chunk's copy is read by another's.
const shared = globalThis as unknown as { __billingRawSql?: { txClients: WeakMap<object, RawTx>; opening: AsyncLocalStorage<RawTx> } };
const { txClients, opening } = (shared.__billingRawSql ??= { txClients: new WeakMap(), opening: new AsyncLocalStorage() });

type Fn = (...args: unknown[]) => unknown;

/** The client Drizzle is built on: the body of each `begin`/`savepoint` runs with its transaction's client in `opening`. */
export function trackTransactions<S extends RawSql | RawTx>(sql: S): S {
  return new Proxy(sql, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (prop !== 'begin' && prop !== 'savepoint') return (value as Fn).bind(target);
      return (...args: unknown[]) => {
        const i = args.findIndex((a) => typeof a === 'function');
        if (i >= 0) {
          const body = args[i] as Fn;
          args[i] = (tx: RawTx) => {
            const tracked = trackTransactions(tx);
            return opening.run(tracked, () => body(tracked));
          };
        }
        return (value as Fn).apply(target, args);
      };
    },
  });
}

type TransactionFn = (fn: (tx: Transaction) => Promise<unknown>, config?: unknown) => Promise<unknown>;

/** `transaction(fn)` of `handle` (and of the transactions it opens) records each `tx`'s client before `fn` runs. */
export function linkTransactions<H extends DbOrTx>(handle: H): H {
  const transaction = (handle.transaction as unknown as TransactionFn).bind(handle);
  const linked: TransactionFn = (fn, config) =>
    transaction((tx) => {
      const client = opening.getStore();
      if (!client) throw new Error('linkTransactions: Drizzle opened a transaction outside a tracked client (createDb)');
      txClients.set(tx, client);
      linkTransactions(tx);
      return fn(tx);
    }, config);
  Object.defineProperty(handle, 'transaction', { value: linked, configurable: true, writable: true });
  return handle;
}

/**
 * A value in COPY's text format: backslash, tab, newline and carriage return escaped (every
 * COPY writer uses this one). Four indexOf scans are several times faster than a regex test
 * over a bill line's 800-character explanation or a raw record's JSON.
 */
export function copyText(text: string): string {
  const plain = text.indexOf('\\') === -1 && text.indexOf('\t') === -1 && text.indexOf('\n') === -1 && text.indexOf('\r') === -1;
  return plain ? text : text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * COPY … FROM STDIN of `chunks`, failing like any other statement when the server refuses the
 * data. postgres.js 3.4 settles the writable only on success when the refusal comes after the
 * last chunk (CopyDone already sent: a value a column cannot take, such as a fraction in an integer column
 * or seconds beyond an integer): the error then reaches only the query's `reject`, the pipeline
 * waits forever, and the transaction stays open holding its locks and a pooled connection
 * (porsager/postgres#1173). Handing that error to the stream ends the pipeline with it, so the
 * transaction rolls back. The one place that knows the query's `reject` (a postgres.js internal).
 */
export async function copyIn(query: RawPendingQuery, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  const writable = await query.writable();
  const pending = query as unknown as { reject: (err: unknown) => void };
  const reject = pending.reject;
  pending.reject = (err) => {
    writable.destroy(err instanceof Error ? err : new Error(String(err)));
    reject(err);
  };
  await pipeline(Readable.from(chunks), writable);
}
