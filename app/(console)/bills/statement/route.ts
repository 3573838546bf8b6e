import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { requireUser } from '@/lib/auth/guard';
import { MONTH_RE } from '@/lib/bills/filters';
import { accountNow } from '@/lib/clock';
import { downloadHeaders } from '@/lib/export/csv';
import { routeErrorResponse } from '@/lib/http/route-errors';
import { statementPdf } from '@/lib/statements/pdf';
import { loadStatement } from '@/lib/statements/statement';
import { localDate } from '@/lib/time/local-date';
import { actionLocale } from '@/lib/actions/locale';

/**
 * GET /bills/statement?month=YYYY-MM: the monthly statement PDF (lib/statements) of the
 * signed-in customer's own account; the current month when none is given.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireUser('customer');
    const now = await accountNow(db, user.accountId);
    const month = new URL(request.url).searchParams.get('month') ?? localDate(now).slice(0, 7);
    if (!MONTH_RE.test(month)) return Response.json({ error: { code: 'VALIDATION', message: 'month must be YYYY-MM.' } }, { status: 400 });
    const account = await getAccount(db, user.accountId);
    if (!account) return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, { status: 404 });
    const st = await loadStatement(db, { id: account.id, name: account.name, email: user.email, currency: account.currency }, month);
    const pdf = await statementPdf(st, now, await actionLocale(account));
    return new Response(new Uint8Array(pdf), { headers: downloadHeaders('application/pdf', `statement-${month}.pdf`) });
  } catch (err) {
    return routeErrorResponse(err, 'statement-pdf');
  }
}
