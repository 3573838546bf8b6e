import { rawSql } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { systemNow } from '@/lib/clock';
import { isAppError } from '@/lib/errors';
import { importUsageFile } from '@/lib/usage/import';
import { UsageError } from '@/lib/usage/errors';

/**
 * POST /usage/import: the Usage page's file import (lib/usage/import.ts). The session
 * authenticates it (a customer, for their own applications only); the body is the file,
 * streamed and validated whole before anything is stored.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const user = await requireUser('customer');
    const result = await importUsageFile(rawSql(), { accountId: user.accountId, body: request.body, now: systemNow() });
    return Response.json(result, { status: result.ok ? 201 : 422 });
  } catch (err) {
    if (err instanceof UsageError) return Response.json(err.toJSON(), { status: err.status });
    if (isAppError(err)) return Response.json({ error: { code: err.code, message: err.message } }, { status: err.status });
    console.error('[usage-import] unexpected error', err);
    return Response.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged; nothing was stored.' } }, { status: 500 });
  }
}
