import { db } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { billCsv } from '@/lib/bills/csv';
import { loadBillForExport } from '@/lib/bills/export';
import { CSV_BOM, downloadHeaders } from '@/lib/export/csv';
import { route } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { actionLocale } from '@/lib/actions/locale';

/** GET /bills/:id/csv: the bill as CSV (lib/bills/csv.ts); another account's bill is 404 like a missing one. */
export const GET = route('bill-csv', async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const user = await requireUser('customer');
  const { id } = await params;
  const loaded = await loadBillForExport(db, user.accountId, id);
  if (!loaded) throw new AppError('NOT_FOUND');
  const { bill, lines, apps, names } = loaded;
  return new Response(CSV_BOM + billCsv(bill, lines, apps, names, await actionLocale(user.account)), { headers: downloadHeaders('text/csv; charset=utf-8', `bill-${bill.number}.csv`) });
});
