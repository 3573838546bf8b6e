/**
 * The database is unreachable (stopped, restarting, network): issue 13 item 13. Every
 * answer during such an outage is 503 with Retry-After and a plain message, never a 500
 * with internals; nothing needs a restart afterwards (postgres.js reconnects on the next
 * query). Kept free of server-only imports: used by route handlers, actions, pages,
 * instrumentation.ts and scripts.
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
 * The one place a failed query becomes an outage (db/availability.ts calls it on every
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

/** The JSON answer of every route handler during an outage. */
export function unavailableResponse(code = 'SERVICE_UNAVAILABLE'): Response {
  noteDatabaseUnavailable();
  return Response.json(
    { error: { code, message: UNAVAILABLE_MESSAGE } },
    { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } },
  );
}
