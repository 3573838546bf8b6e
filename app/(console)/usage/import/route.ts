import { rawSql } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { systemNow } from '@/lib/clock';
import { routeErrorResponse } from '@/lib/http/route-errors';
import { importUsageFile } from '@/lib/usage/import';
import { UsageError } from '@/lib/usage/errors';
import { refuseMutation } from '@/lib/http/mutation-guard';
import { withRouteSecurityHeaders } from '@/lib/http/security-headers';

/** The import form sends the file's type (docs/usage-api.md, Importing a file). */
const IMPORT_MEDIA_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/json'];

/**
 * POST /usage/import: the Usage page's file import (lib/usage/import.ts). The session
 * authenticates it (a customer, for their own applications only); the body is the file,
 * streamed and validated whole before anything is stored.
 */
export async function POST(request: Request): Promise<Response> {
  return withRouteSecurityHeaders(await importResponse(request));
}

async function importResponse(request: Request): Promise<Response> {
  const refused = refuseMutation(request, { auth: 'session', accept: IMPORT_MEDIA_TYPES });
  if (refused) return refused;
  try {
    const user = await requireUser('customer');
    const result = await importUsageFile(rawSql(), { accountId: user.accountId, body: request.body, now: systemNow() });
    return Response.json(result, { status: result.ok ? 201 : 422 });
  } catch (err) {
    if (err instanceof UsageError) return Response.json(err.toJSON(), { status: err.status });
    return routeErrorResponse(err, 'usage-import', 'Something went wrong on our side. It has been logged; nothing was stored.');
  }
}
