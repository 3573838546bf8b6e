import { db } from '@/db';
import { BILL_SORTS, listBills } from '@/lib/bills/queries';
import { requireUser } from '@/lib/auth/guard';
import { billListRows, billListXlsx } from '@/lib/bills/export';
import { parseBillFilters } from '@/lib/bills/filters';
import { CSV_BOM, csvRows, downloadHeaders } from '@/lib/export/csv';
import { XLSX_TYPE } from '@/lib/export/xlsx';
import { route } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { parseTableParams } from '@/lib/table-params';
import { actionLocale } from '@/lib/actions/locale';

/** Bills in one download at most (a month has about 31 daily bills, a monthly one and adjustments). */
const MAX_BILLS = 5000;

/**
 * GET /bills/export?format=csv|xlsx[&kind=][&month=YYYY-MM][&sort=&dir=]: the bills the
 * bills page lists with the same filters and order, every page of them, for the signed-in
 * customer's own account only.
 */
export const GET = route('bills-export', async (request: Request): Promise<Response> => {
  const user = await requireUser('customer');
  const sp = Object.fromEntries(new URL(request.url).searchParams.entries());
  const format = sp.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw new AppError('VALIDATION', 'format must be csv or xlsx.');
  const { filters, problems } = parseBillFilters(sp);
  if (problems.length) throw new AppError('VALIDATION', problems.join(' '));
  const params = parseTableParams(sp, { sortable: BILL_SORTS, defaultSort: 'period', defaultDir: 'desc' });
  const { rows, total } = await listBills(db, user.accountId, { ...filters, sort: params.sort, dir: params.dir, limit: MAX_BILLS, offset: 0 });
  if (total > MAX_BILLS) {
    throw new AppError('VALIDATION', `${total} bills match; choose a month or a kind (at most ${MAX_BILLS} bills per download).`);
  }
  const name = `bills${filters.month ? `-${filters.month}` : ''}${filters.kind ? `-${filters.kind}` : ''}`;
  if (format === 'xlsx') {
    const body = await billListXlsx(rows, filters.month, await actionLocale(user.account));
    return new Response(new Uint8Array(body), { headers: downloadHeaders(XLSX_TYPE, `${name}.xlsx`) });
  }
  return new Response(CSV_BOM + csvRows(billListRows(rows, await actionLocale(user.account))), { headers: downloadHeaders('text/csv; charset=utf-8', `${name}.csv`) });
});
