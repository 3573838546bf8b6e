import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { iterateLedgerEntries, parseLedgerFilters } from '@/db/queries/ledger';
import { requireUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { routeErrorResponse } from '@/lib/http/route-errors';
import { LEDGER_CSV_HEADER, ledgerCsvRow } from '@/lib/ledger/csv';
import { localDate } from '@/lib/time/local-date';

/**
 * GET /api/ledger/export?kind=&from=&to=&q= — the ledger as CSV with the page's filters
 * applied. A customer exports their own account (also while suspended: billing stays open);
 * an admin passes `accountId`. Streamed in batches, so a long ledger is not held in memory.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireUser('signed-in');
    const url = new URL(request.url);
    const sp = Object.fromEntries(url.searchParams.entries());
    let accountId: string;
    if (user.role === 'admin') {
      const requested = url.searchParams.get('accountId') ?? '';
      if (!/^[0-9a-f-]{36}$/i.test(requested)) throw new AppError('NOT_FOUND', 'Account not found.');
      accountId = requested;
    } else {
      if (!user.accountId) throw new AppError('FORBIDDEN');
      accountId = user.accountId;
    }
    const account = await getAccount(db, accountId);
    if (!account) throw new AppError('NOT_FOUND', 'Account not found.');
    const { filters, errors } = parseLedgerFilters(sp);
    if (Object.keys(errors).length > 0) {
      return Response.json({ error: { code: 'VALIDATION', message: Object.values(errors)[0], fieldErrors: errors } }, { status: 400 });
    }
    const today = localDate(await accountNow(db, accountId));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          // BOM: spreadsheet programs then read the UTF-8 (•, ¥) correctly.
          controller.enqueue(encoder.encode(`\uFEFF${LEDGER_CSV_HEADER}`));
          for await (const batch of iterateLedgerEntries(db, accountId, filters)) {
            controller.enqueue(encoder.encode(batch.map(ledgerCsvRow).join('')));
          }
          controller.close();
        } catch (err) {
          console.error('[ledger-export] failed while streaming', err);
          controller.error(err);
        }
      },
    });
    const slug = account.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'account';
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="ledger-${slug}-${today}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    return routeErrorResponse(err, 'ledger-export');
  }
}
