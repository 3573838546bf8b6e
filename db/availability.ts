import { DrizzleQueryError } from 'drizzle-orm/errors';
import type postgres from 'postgres';
import { asUnavailable, isDatabaseUnavailable, ServiceUnavailableError } from '@/lib/availability';

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
