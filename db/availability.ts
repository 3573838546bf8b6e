import { DrizzleQueryError } from 'drizzle-orm/errors';
import type postgres from 'postgres';

/**
 * The database is unreachable (stopped, restarting, network): issue 13 item 13. Every
 * answer during such an outage is 503 with Retry-After and a plain message, never a 500
 * with internals; nothing needs a restart afterwards (postgres.js reconnects on the next
 * query). One owner, the storage layer: the rule (what an outage is, the error, the noting)
 * and the pool's wrapping below. Used by route handlers, actions, pages, instrumentation.ts
 * and scripts; imports only drizzle-orm/errors (the digest below) and postgres.js types.
 */
export const RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE = 'The service is briefly unavailable (the database is not reachable). Try again in a few seconds; a retried form or batch is not applied twice.';

/** Thrown where a page or guard meets the outage; the digest survives to app/error.tsx in production. */
export class ServiceUnavailableError extends Error {
  readonly digest = 'SERVICE_UNAVAILABLE';
  constructor(cause?: unknown) {
    super(UNAVAILABLE_MESSAGE, { cause });
    this.name = 'ServiceUnavailableError';
  }
}

// Socket errors of postgres.js (connecting, or the connection dropped), and the server's
// own "going away" answers: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now,
// class 08 connection exceptions, 53300 too_many_connections.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006',
]);

/** Whether an error (or anything in its cause chain) says the database cannot be reached. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length) {
    const cur = stack.pop();
    if (!cur || typeof cur !== 'object' || seen.has(cur) || seen.size > 20) continue;
    seen.add(cur);
    if (cur instanceof ServiceUnavailableError) return true;
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    stack.push((cur as { cause?: unknown }).cause, (cur as { err?: unknown }).err);
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors)) stack.push(...errors);
  }
  return false;
}

// Process-wide (globalThis: shared by the server's bundles and instrumentation.ts).
const state = globalThis as unknown as { __dbUnavailableAt?: number };

/** Record that the database was just found unreachable (instrumentation.ts then answers a failing page 503). */
export function noteDatabaseUnavailable(now = Date.now()): void {
  state.__dbUnavailableAt = now;
}

/** The database was found unreachable within the last few seconds. */
export function databaseRecentlyUnavailable(now = Date.now()): boolean {
  return state.__dbUnavailableAt !== undefined && now - state.__dbUnavailableAt < RETRY_AFTER_SECONDS * 2000;
}

/**
 * The one place a failed query becomes an outage (`withAvailability` below calls it on every
 * rejection of the pool, before the caller sees the error): an unreachable database is noted
 * (so instrumentation.ts answers a failing page 503) and turned into a ServiceUnavailableError
 * (digest SERVICE_UNAVAILABLE: app/error.tsx, actions and route handlers recognise it);
 * any other error is returned unchanged.
 */
export function asUnavailable(err: unknown): unknown {
  if (!isDatabaseUnavailable(err)) return err;
  noteDatabaseUnavailable();
  return err instanceof ServiceUnavailableError ? err : new ServiceUnavailableError(err);
}

/** For logs: the underlying connection error ("ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432"), not the user-facing message. */
export function unavailableDetail(err: unknown): string {
  let cur: unknown = err;
  for (let i = 0; i < 10 && cur && typeof cur === 'object'; i++) {
    const { code, message, cause } = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return `${code} ${typeof message === 'string' ? message : ''}`.trim();
    cur = cause ?? (cur as { err?: unknown }).err;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Every failed query meets the outage rule in one place (issue 13 item 13): the pool made by
 * `createDb` is wrapped so that each rejection (a query, a transaction, a reserved
 * connection) passes through `asUnavailable` before the caller sees it. An unreachable
 * database is then noted at once, wherever the query was (a page's third query, a route
 * handler's CSV, a worker pass), and surfaces as a ServiceUnavailableError:
 * - pages: instrumentation.ts turns the 500 into 503 + Retry-After, app/error.tsx shows the
 *   "briefly unavailable" state (digest SERVICE_UNAVAILABLE);
 * - server actions: defineAction's `toFailure` answers SERVICE_UNAVAILABLE;
 * - route handlers: `route` / `errorResponse` (lib/http/route.ts, the usage API too) answer 503 + Retry-After.
 * Other errors (constraint violations, serialization failures) pass through unchanged.
 */
export function withAvailability<S extends postgres.Sql>(sql: S): S {
  return wrapSql(sql) as S;
}

type Fn = (...args: unknown[]) => unknown;

// The server itself went away (refusing connections, shutting down, starting up): every
// connection opened before is dead. Counted so a reserved connection can tell (below).
const SERVER_GONE = new Set(['ECONNREFUSED', '57P01', '57P02', '57P03']);
let serverGoneEpoch = 0;

function noteServerGone(err: unknown): void {
  let cur: unknown = err;
  for (let i = 0; i < 10 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && SERVER_GONE.has(code)) {
      serverGoneEpoch++;
      return;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
}

function rethrow(err: unknown): never {
  noteServerGone(err);
  throw asUnavailable(err);
}

/** A postgres.js query (a lazy Promise subclass with chainable `.values()`, `.raw()` ...). */
function wrapQuery<Q extends Promise<unknown>>(query: Q, onOutage?: () => void): Q {
  const proxy: Q = new Proxy(query, {
    get(target, prop) {
      if (prop === 'then') {
        return (ok?: Fn, fail?: Fn) =>
          target.then(ok as never, (err: unknown) => {
            noteServerGone(err);
            const mapped = asUnavailable(err);
            if (mapped !== err || isDatabaseUnavailable(mapped)) onOutage?.();
            if (fail) return fail(mapped);
            throw mapped;
          });
      }
      if (prop === 'catch') return (fail?: Fn) => proxy.then(undefined, fail as never);
      if (prop === 'finally') return (done?: () => void) => proxy.then((v) => (done?.(), v), (e: unknown) => (done?.(), Promise.reject(e)));
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as Fn).apply(target, args);
        return result === target ? proxy : result;
      };
    },
  });
  return proxy;
}

const wrapped = new WeakSet<object>();

function wrapSql(sql: postgres.Sql | postgres.TransactionSql | postgres.ReservedSql, reserved = false): unknown {
  if (wrapped.has(sql)) return sql;
  // A reserved connection held across an outage is dead, but postgres.js 3.4 does not know it on
  // that handle: a query on it is written to a null socket (an uncaught TypeError) and never
  // settles, and release() puts it back in the pool's open list, poisoning the next query (the
  // chaos test's worker hung in its lane's unlock). Once the outage met this connection, or the
  // server was seen gone after it was reserved, its queries fail at once and it is not handed back
  // (postgres.js's close handler already moved it to its closed list, from which it reconnects).
  let broken = false;
  const epoch = serverGoneEpoch;
  const dead = () => reserved && (broken || (broken = serverGoneEpoch !== epoch));
  const onOutage = reserved ? () => (broken = true) : undefined;
  const refuse = () => Promise.reject(asUnavailable(new ServiceUnavailableError(new Error('reserved connection lost in an outage'))));
  const proxy = new Proxy(sql, {
    // sql`...` (and sql(...) helpers, which are not queries and pass through)
    apply(target, thisArg, args) {
      if (dead() && Array.isArray((args[0] as { raw?: unknown } | undefined)?.raw)) return refuse();
      const result = Reflect.apply(target as unknown as Fn, thisArg, args);
      return result instanceof Promise ? wrapQuery(result, onOutage) : result;
    },
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as Fn;
      switch (prop) {
        case 'unsafe':
        case 'file':
          return (...args: unknown[]) => {
            if (dead()) return refuse();
            const q = fn.apply(target, args);
            return q instanceof Promise ? wrapQuery(q, onOutage) : q;
          };
        case 'begin':
        case 'savepoint':
          // The transaction's own sql is wrapped too; BEGIN/COMMIT failing rejects the returned promise.
          return (...args: unknown[]) => {
            const i = args.findIndex((a) => typeof a === 'function');
            if (i >= 0) {
              const body = args[i] as Fn;
              args[i] = (tx: postgres.TransactionSql) => body(wrapSql(tx));
            }
            return (fn.apply(target, args) as Promise<unknown>).then(undefined, rethrow);
          };
        case 'reserve':
          return () => (fn.apply(target, []) as Promise<postgres.ReservedSql>).then((r) => wrapSql(r, true), rethrow);
        case 'release':
          return () => (dead() ? undefined : fn.apply(target, []));
        default:
          return fn.bind(target);
      }
    },
  });
  wrapped.add(proxy);
  return proxy;
}

/*
 * drizzle-orm wraps every failed query in a DrizzleQueryError ("Failed query: ...") whose
 * cause is the error above; Next.js keeps an error's own `digest` (else it hashes the
 * message), so the outage's digest is read through the cause: a page failing on a drizzle
 * query shows app/error.tsx's "briefly unavailable" state like any other. A digest Next sets
 * on other drizzle errors is stored as usual.
 */
const OWN_DIGEST = Symbol('digest');
if (!Object.getOwnPropertyDescriptor(DrizzleQueryError.prototype, 'digest')) {
  Object.defineProperty(DrizzleQueryError.prototype, 'digest', {
    configurable: true,
    get(this: DrizzleQueryError & { [OWN_DIGEST]?: string }) {
      return this[OWN_DIGEST] ?? (isDatabaseUnavailable(this.cause) ? 'SERVICE_UNAVAILABLE' : undefined);
    },
    set(this: DrizzleQueryError & { [OWN_DIGEST]?: string }, value: string) {
      this[OWN_DIGEST] = value;
    },
  });
}
