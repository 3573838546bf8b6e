import { db } from '@/db';
import { rawSqlOf } from '@/db/raw';
import { requireUser } from '@/lib/auth/guard';
import { systemNow } from '@/lib/clock';
import { route } from '@/lib/http/route';
import { importUsageFile } from '@/lib/usage/import';

/** The import form sends the file's type (docs/usage-api.md, Importing a file). */
const IMPORT_MEDIA_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/json'];

/**
 * POST /usage/import: the Usage page's file import (lib/usage/import.ts). The session
 * authenticates it (a customer, for their own applications only); the body is the file,
 * streamed and validated whole before anything is stored.
 */
export const POST = route(
  'usage-import',
  async (request: Request): Promise<Response> => {
    const user = await requireUser('customer');
    const result = await importUsageFile(rawSqlOf(db), { accountId: user.accountId, body: request.body, now: systemNow() });
    return Response.json(result, { status: result.ok ? 201 : 422 });
  },
  {
    mutation: { auth: 'session', accept: IMPORT_MEDIA_TYPES },
    internalMessage: 'Something went wrong on our side. It has been logged; nothing was stored.',
    securityHeaders: true,
  },
);
