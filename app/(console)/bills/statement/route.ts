import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { requireUser } from '@/lib/auth/guard';
import { MONTH_RE } from '@/lib/bills/filters';
import { accountNow } from '@/lib/clock';
import { downloadHeaders } from '@/lib/export/csv';
import { route } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { statementPdf } from '@/lib/statements/pdf';
import { loadStatement } from '@/lib/statements/statement';
import { localDate } from '@/lib/time/local-date';
import { actionLocale } from '@/lib/actions/locale';

/**
 * GET /bills/statement?month=YYYY-MM: the monthly statement PDF (lib/statements) of the
 * signed-in customer's own account; the current month when none is given.
 */
export const GET = route('statement-pdf', async (request: Request): Promise<Response> => {
  const user = await requireUser('customer');
  const now = await accountNow(db, user.accountId);
  const month = new URL(request.url).searchParams.get('month') ?? localDate(now).slice(0, 7);
  if (!MONTH_RE.test(month)) throw new AppError('VALIDATION', 'month must be YYYY-MM.');
  const account = await getAccount(db, user.accountId);
  if (!account) throw new AppError('NOT_FOUND');
  const st = await loadStatement(db, { id: account.id, name: account.name, email: user.email, currency: account.currency }, month);
  const pdf = await statementPdf(st, now, await actionLocale(account));
  return new Response(new Uint8Array(pdf), { headers: downloadHeaders('application/pdf', `statement-${month}.pdf`) });
});
