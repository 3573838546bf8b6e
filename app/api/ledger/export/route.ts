import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { iterateLedgerEntries, parseLedgerFilters } from '@/lib/ledger/queries';
import { requireUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { csvStream, downloadHeaders } from '@/lib/export/csv';
import { LEDGER_CSV_COLUMNS, ledgerCsvCells } from '@/lib/ledger/csv';
import { localDate } from '@/lib/time/local-date';
import { actionLocale } from '@/lib/actions/locale';
import { headerIn } from '@/lib/export/headers';

/**
 * GET /api/ledger/export?kind=&from=&to=&q= — the ledger as CSV with the page's filters
 * applied. A customer exports their own account (also while suspended: billing stays open);
 * an admin passes `accountId`. Streamed in batches, so a long ledger is not held in memory.
 */
export const GET = route('ledger-export', async (request: Request): Promise<Response> => {
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
    throw new AppError('VALIDATION', Object.values(errors)[0], { fieldErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]])) });
  }
  const today = localDate(await accountNow(db, accountId));
  // The reader's language (an admin's request language for another account's ledger).
  const locale = await actionLocale(user.account ?? account);
  async function* rows() {
    yield [headerIn(locale, LEDGER_CSV_COLUMNS)];
    for await (const batch of iterateLedgerEntries(db, accountId, filters)) yield batch.map((e) => ledgerCsvCells(e, locale));
  }
  const slug = account.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'account';
  return new Response(csvStream(rows(), { bom: true }), { headers: downloadHeaders('text/csv; charset=utf-8', `ledger-${slug}-${today}.csv`) });
});
