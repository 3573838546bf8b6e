import 'server-only';
import { ZodError, type z } from 'zod';
import { assertAccountAccess, requireUser, type CurrentUser } from '@/lib/auth/guard';
import { testClocksEnabled } from '@/lib/clock';
import { AppError, ERROR_CODES } from '@/lib/errors';
import { zodFieldErrors } from '@/lib/actions/form-data';

/**
 * Route handlers of the developer API (lib/dev-tools/README.md): absent (404) in
 * production, a session required, admins act on any account and a customer on their
 * own; errors are JSON `{ error: { code, message, fieldErrors? } }` with the code's status.
 */
export async function devRoute(fn: (user: CurrentUser) => Promise<unknown>, successStatus = 200): Promise<Response> {
  if (!testClocksEnabled()) return Response.json({ error: { code: 'NOT_FOUND', message: ERROR_CODES.NOT_FOUND.message } }, { status: 404 });
  try {
    const user = await requireUser('signed-in');
    const data = await fn(user);
    return Response.json(data, { status: successStatus });
  } catch (err) {
    if (err instanceof AppError) {
      return Response.json({ error: { code: err.code, message: err.message, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) } }, { status: err.status });
    }
    if (err instanceof ZodError) {
      const fieldErrors = zodFieldErrors(err);
      const first = Object.entries(fieldErrors)[0];
      return Response.json({ error: { code: 'VALIDATION', message: first ? `${first[0]}: ${first[1][0]}` : ERROR_CODES.VALIDATION.message, fieldErrors } }, { status: 400 });
    }
    console.error('[dev api] unexpected error', err);
    return Response.json({ error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message } }, { status: 500 });
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
