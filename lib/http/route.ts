import { ZodError } from 'zod';
import { zodFieldErrors } from '@/lib/actions/form-data';
import { noteDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from '@/db/availability';
import { AppError, ERROR_CODES, errorBody } from '@/lib/errors';
import { checkMutation, type MutationPolicy } from '@/lib/http/mutation-guard';
import { withRouteSecurityHeaders } from '@/lib/http/security-headers';
import type { Logger } from '@/lib/log';
import { logFailure, requestLogOf } from '@/lib/request-log';

/**
 * The one wrapper of route handlers (lib/errors.ts, the error model):
 *
 *   export const GET = route('bill-csv', async (request, { params }: Params) => { … });
 *   export const POST = route('usage-import', handler, { mutation: { auth: 'session', accept: [...] } });
 *
 * - a mutating route names its policy: `checkMutation` refuses a foreign Origin or body type first;
 * - the handler gets the request's logger (`reqId`, the route's tag) as its third argument;
 * - whatever it throws is answered once by `errorResponse`: an AppError (or a ZodError, as
 *   VALIDATION with its field messages) with its code's status and the house JSON shape
 *   `{ error: { code, message, fieldErrors?, details?, errorCount? } }`; the database
 *   unreachable 503 + Retry-After; anything else logged with its stack and a generic 500.
 */
export type RouteOptions = {
  mutation?: MutationPolicy;
  /** The 500 answer's message, when the route has more to say (e.g. "nothing was stored"). */
  internalMessage?: string;
  /** Routes outside proxy.ts (the usage API, the import) set their CSP themselves, errors included. */
  securityHeaders?: boolean;
};

export function route<C = unknown>(
  tag: string,
  handler: (request: Request, context: C, logger: Logger) => Promise<Response>,
  options: RouteOptions = {},
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const logger = requestLogOf(request, { route: tag });
    let response: Response;
    try {
      const refused = options.mutation ? checkMutation(request, options.mutation) : null;
      if (refused) throw new AppError(refused.code, refused.message);
      response = await handler(request, context, logger);
    } catch (err) {
      response = errorResponse(err, logger, options.internalMessage);
    }
    return options.securityHeaders ? withRouteSecurityHeaders(response) : response;
  };
}

/** The HTTP answer of a failure (also for handlers outside `route`, e.g. the developer API's). */
export function errorResponse(err: unknown, logger: Logger, internalMessage: string = ERROR_CODES.INTERNAL.message): Response {
  const error = err instanceof ZodError ? validationError(err) : err;
  switch (logFailure(logger, error, 'route')) {
    case 'expected': {
      const e = error as AppError;
      return Response.json(errorBody(e), { status: e.status, headers: e.closeConnection ? { Connection: 'close' } : undefined });
    }
    case 'unavailable':
      return unavailableResponse();
    default:
      return Response.json(errorBody({ code: 'INTERNAL', message: internalMessage }), { status: 500 });
  }
}

/** The answer of every route handler during an outage (db/availability.ts): 503, Retry-After, the plain message. */
export function unavailableResponse(): Response {
  noteDatabaseUnavailable();
  return Response.json(errorBody({ code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE }), {
    status: 503,
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
  });
}

/** A zod refusal as VALIDATION: the first field's message, every field's messages. */
export function validationError(err: ZodError): AppError {
  const fieldErrors = zodFieldErrors(err);
  const first = Object.entries(fieldErrors)[0];
  return new AppError('VALIDATION', first ? `${first[0]}: ${first[1][0]}` : ERROR_CODES.VALIDATION.message, { fieldErrors });
}
