import { db } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { billXlsx, loadBillForExport } from '@/lib/bills/export';
import { downloadHeaders } from '@/lib/export/csv';
import { XLSX_TYPE } from '@/lib/export/xlsx';
import { routeErrorResponse } from '@/lib/http/route-errors';
import { actionLocale } from '@/lib/actions/locale';

/** GET /bills/:id/xlsx: the bill as an Excel workbook (lib/bills/export.ts); another account's bill is 404 like a missing one. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser('customer');
    const { id } = await params;
    const loaded = await loadBillForExport(db, user.accountId, id);
    if (!loaded) return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, { status: 404 });
    const body = await billXlsx(loaded, await actionLocale(user.account!));
    return new Response(new Uint8Array(body), { headers: downloadHeaders(XLSX_TYPE, `bill-${loaded.bill.number}.xlsx`) });
  } catch (err) {
    return routeErrorResponse(err, 'bill-xlsx');
  }
}
