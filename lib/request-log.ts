import { headers } from 'next/headers';
import { AppError } from '@/lib/errors';
import { isDatabaseUnavailable, noteDatabaseUnavailable, unavailableDetail } from '@/db/availability';
import { log, REQUEST_ID_HEADER, type Logger } from '@/lib/log';

/**
 * The logger of one request: `reqId` (X-Request-Id, set by scripts/next-server.ts on every
 * request) and what else is known (`accountId`, the route's tag). Route handlers take it from
 * their `Request`; actions and the auth callbacks read the request's headers (next/headers);
 * outside a request (tests, scripts, the worker) `reqId` is null.
 */
export function requestLogOf(request: Request | null | undefined, fields: Record<string, unknown> = {}): Logger {
  return log.child({ reqId: request?.headers.get(REQUEST_ID_HEADER) ?? null, ...fields });
}

export async function requestLog(fields: Record<string, unknown> = {}): Promise<Logger> {
  let reqId: string | null = null;
  try {
    reqId = (await headers()).get(REQUEST_ID_HEADER);
  } catch {
    reqId = null; // outside a request (tests, scripts)
  }
  return log.child({ reqId, ...fields });
}

export type FailureKind = 'expected' | 'unavailable' | 'unexpected';

/**
 * The one way a failure is logged (lib/errors.ts, the error model): an AppError is expected
 * (info, its code); the database unreachable is noted and warned (db/availability.ts);
 * anything else is an error with its stack. Returns the kind, for the caller's answer.
 */
export function logFailure(logger: Logger, err: unknown, where: 'action' | 'route', fields: Record<string, unknown> = {}): FailureKind {
  if (err instanceof AppError) {
    logger.info({ code: err.code, ...err.context, ...fields }, `${where} refused`);
    return 'expected';
  }
  if (isDatabaseUnavailable(err)) {
    noteDatabaseUnavailable();
    logger.warn({ detail: unavailableDetail(err), ...fields }, `${where}: database unavailable`);
    return 'unavailable';
  }
  logger.error({ err, ...fields }, `${where}: unexpected error`);
  return 'unexpected';
}
