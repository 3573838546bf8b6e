import { isDatabaseUnavailable, unavailableDetail, unavailableResponse } from '@/lib/availability';
import { ERROR_CODES, isAppError } from '@/lib/errors';
import { log } from '@/lib/log';

/**
 * The answer of a route handler's failure, in the house shape `{ error: { code, message } }`:
 * AppError → its status; the database unreachable → 503 with Retry-After (issue 13 item 13);
 * anything else → logged with the handler's tag, a generic 500 (never internals).
 */
export function routeErrorResponse(err: unknown, tag: string, internalMessage: string = ERROR_CODES.INTERNAL.message, request?: Request): Response {
  const logger = log.child({ route: tag, reqId: request?.headers.get('x-request-id') ?? null });
  if (isAppError(err)) {
    return Response.json({ error: { code: err.code, message: err.message, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) } }, { status: err.status });
  }
  if (isDatabaseUnavailable(err)) {
    logger.warn({ detail: unavailableDetail(err) }, 'route: database unavailable');
    return unavailableResponse();
  }
  logger.error({ err }, 'route: unexpected error');
  return Response.json({ error: { code: 'INTERNAL', message: internalMessage } }, { status: 500 });
}
