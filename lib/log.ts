import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The one logger of the server and the worker (issue 14 item 7): JSON lines (pino) on stdout,
 * so an operator can follow one request or one job by its id:
 *  - `reqId`: set by scripts/next-server.ts on every request (X-Request-Id, echoed in the answer),
 *    on the request line (method, path, status, durationMs) and on what actions and route
 *    handlers log for it (with `accountId` once known);
 *  - `jobId` / `jobKey` / `runId` / `accountId` / `durationMs` on every job run (lib/jobs/runner.ts),
 *    `workerId` on the worker's passes (lib/jobs/worker-loop.ts).
 * Level: LOG_LEVEL (trace … fatal, silent); default `warn` under tests (quiet output), `info`
 * otherwise. Query strings are never logged (they can carry tokens).
 */
export type { Logger };

export function defaultLevel(env: Record<string, string | undefined> = process.env): string {
  if (env.LOG_LEVEL) return env.LOG_LEVEL;
  return env.VITEST || env.NODE_ENV === 'test' || env.APP_ENV === 'test' ? 'warn' : 'info';
}

export function createLogger(options: { level?: string; destination?: DestinationStream; base?: Record<string, unknown> } = {}): Logger {
  return pino(
    {
      level: options.level ?? defaultLevel(),
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination,
  );
}

const globalForLog = globalThis as unknown as { __consoleLogger?: Logger };
/** The process's logger (one per process, also across Next's module reloads in development). */
export const log: Logger = (globalForLog.__consoleLogger ??= createLogger());

export const REQUEST_ID_HEADER = 'x-request-id';

/** The request id to use: the caller's (a proxy's) when it is a plain token, else a new one. */
export function requestIdFrom(header: string | string[] | undefined, make: () => string): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._:-]{8,100}$/.test(given) ? given : make();
}

/** The path of a request URL without its query string (which can carry tokens). */
export function pathOnly(url: string | undefined): string {
  if (!url) return '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
