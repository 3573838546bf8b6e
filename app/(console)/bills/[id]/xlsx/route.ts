import { db } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { billXlsx, loadBillForExport } from '@/lib/bills/export';
import { downloadHeaders } from '@/lib/export/csv';
import { XLSX_TYPE } from '@/lib/export/xlsx';
import { route } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { actionLocale } from '@/lib/actions/locale';

/** GET /bills/:id/xlsx: the bill as an Excel workbook (lib/bills/export.ts); another account's bill is 404 like a missing one. */
export const GET = route('bill-xlsx', async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const user = await requireUser('customer');
  const { id } = await params;
  const loaded = await loadBillForExport(db, user.accountId, id);
  if (!loaded) throw new AppError('NOT_FOUND');
  const body = await billXlsx(loaded, await actionLocale(user.account));
  return new Response(new Uint8Array(body), { headers: downloadHeaders(XLSX_TYPE, `bill-${loaded.bill.number}.xlsx`) });
});
