import { db, rawSql } from '@/db';
import { getApplication } from '@/db/queries/applications';
import { requireUser } from '@/lib/auth/guard';
import { routeErrorResponse } from '@/lib/http/route-errors';
import { getPriceBook } from '@/lib/rating';
import { applyPendingDailyStats } from '@/lib/usage/daily-stats';
import { csvStream, dailyCsv, fiveMinuteCsv } from '@/lib/usage/export';

/**
 * GET /usage/export?month=YYYY-MM&granularity=5min|day[&app=SDKAppID]: a month's usage
 * detail as CSV (lib/usage/export.ts), for the signed-in customer's own account.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireUser('customer');
    const url = new URL(request.url);
    const month = url.searchParams.get('month') ?? '';
    const granularity = url.searchParams.get('granularity') ?? 'day';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return Response.json({ error: { code: 'VALIDATION', message: 'month must be YYYY-MM.' } }, { status: 400 });
    if (granularity !== '5min' && granularity !== 'day') return Response.json({ error: { code: 'VALIDATION', message: 'granularity must be 5min or day.' } }, { status: 400 });
    const appParam = url.searchParams.get('app');
    let sdkAppId: number | undefined;
    if (appParam) {
      const app = /^\d{1,15}$/.test(appParam) ? await getApplication(db, user.accountId, Number(appParam)) : null;
      if (!app) return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, { status: 404 });
      sdkAppId = app.sdkAppId;
    }
    await applyPendingDailyStats(rawSql(), user.accountId);
    const book = getPriceBook(user.account.priceBookId);
    const chunks = granularity === '5min' ? fiveMinuteCsv(db, user.accountId, book, month, sdkAppId) : dailyCsv(db, user.accountId, book, month, sdkAppId);
    const name = `usage-${month}-${granularity === '5min' ? '5-minute' : 'daily'}${sdkAppId ? `-${sdkAppId}` : ''}.csv`;
    return new Response(csvStream(chunks), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (err) {
    return routeErrorResponse(err, 'usage-export');
  }
}
