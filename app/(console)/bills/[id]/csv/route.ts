import { db } from '@/db';
import { applicationNames, entitlementNames, getBill, listBillLines } from '@/db/queries/bills';
import { requireUser } from '@/lib/auth/guard';
import { billCsv } from '@/lib/bills/csv';
import { readExplanation } from '@/lib/bills/present';
import { routeErrorResponse } from '@/lib/http/route-errors';

/** GET /bills/:id/csv: the bill as CSV (lib/bills/csv.ts); another account's bill is 404 like a missing one. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const user = await requireUser('customer');
    const { id } = await params;
    const bill = await getBill(db, user.accountId, id);
    if (!bill) return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, { status: 404 });
    const [lines, apps] = await Promise.all([listBillLines(db, user.accountId, bill.id), applicationNames(db, user.accountId)]);
    const names = await entitlementNames(db, user.accountId, lines.flatMap((l) => readExplanation(l.explanation).detail?.deductions.map((d) => d.entitlement) ?? []));
    return new Response(billCsv(bill, lines, apps, names), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="bill-${bill.number}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (err) {
    return routeErrorResponse(err, 'bill-csv');
  }
}
