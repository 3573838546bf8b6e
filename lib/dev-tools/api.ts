import 'server-only';
import type { z } from 'zod';
import { assertAccountAccess, requireUser, type CurrentUser } from '@/lib/auth/guard';
import { testClocksEnabled } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { bearerToken, checkMutation, tokenMatches } from '@/lib/http/mutation-guard';
import { errorResponse } from '@/lib/http/route';
import { requestLogOf } from '@/lib/request-log';

/**
 * `Authorization: Bearer $DEV_API_TOKEN` (scripts; development/test only): acts as an
 * administrator of the developer API, in place of a browser session and its Origin.
 */
export const DEV_API_TOKEN_USER: CurrentUser = { id: 'dev-api-token', email: 'dev-api-token', name: 'Developer API token', role: 'admin', accountId: null, account: null, sessionId: '', emailVerified: true };

export function isDevApiToken(token: string): boolean {
  return tokenMatches(token, process.env.DEV_API_TOKEN);
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Route handlers of the developer API (lib/dev-tools/README.md): absent (404) in
 * production, a session (or the DEV_API_TOKEN bearer) required, admins act on any account
 * and a customer on their own; mutations need JSON and a same-origin Origin (issue 13
 * item 8); errors are JSON `{ error: { code, message, fieldErrors? } }` with the code's status.
 */
export async function devRoute(request: Request, fn: (user: CurrentUser) => Promise<unknown>, successStatus = 200): Promise<Response> {
  const logger = requestLogOf(request, { route: 'dev api' });
  try {
    if (!testClocksEnabled()) throw new AppError('NOT_FOUND');
    const refused = MUTATING.has(request.method) ? checkMutation(request, { auth: 'session', bearer: isDevApiToken }) : null;
    if (refused) throw new AppError(refused.code, refused.message);
    const token = bearerToken(request);
    const user = token && isDevApiToken(token) ? DEV_API_TOKEN_USER : await requireUser('signed-in');
    const data = await fn(user);
    return Response.json(data, { status: successStatus });
  } catch (err) {
    // AppError → its status; a ZodError (readJson) → VALIDATION with its field messages (lib/http/route.ts).
    return errorResponse(err, logger);
  }
}

export function canUseAccount(user: CurrentUser, accountId: string): void {
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) throw new AppError('NOT_FOUND');
  assertAccountAccess(user, accountId);
}

export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('VALIDATION', 'The body is not valid JSON.');
    }
  }
  return schema.parse(body);
}
