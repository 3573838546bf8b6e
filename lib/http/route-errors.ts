import { isDatabaseUnavailable, unavailableDetail, unavailableResponse } from '@/lib/availability';
import { ERROR_CODES, isAppError } from '@/lib/errors';

/**
 * The answer of a route handler's failure, in the house shape `{ error: { code, message } }`:
 * AppError → its status; the database unreachable → 503 with Retry-After (issue 13 item 13);
 * anything else → logged with the handler's tag, a generic 500 (never internals).
 */
export function routeErrorResponse(err: unknown, tag: string, internalMessage: string = ERROR_CODES.INTERNAL.message): Response {
  if (isAppError(err)) {
    return Response.json({ error: { code: err.code, message: err.message, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) } }, { status: err.status });
  }
  if (isDatabaseUnavailable(err)) {
    console.warn(`[${tag}] database unavailable:`, unavailableDetail(err));
    return unavailableResponse();
  }
  console.error(`[${tag}] unexpected error`, err);
  return Response.json({ error: { code: 'INTERNAL', message: internalMessage } }, { status: 500 });
}
