import { db, rawSql } from '@/db';
import { listApplications } from '@/db/queries/applications';
import { requireUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { csvStream, downloadHeaders, type CsvCell } from '@/lib/export/csv';
import { INTEGER_FMT, XLSX_TYPE, xlsxBuffer } from '@/lib/export/xlsx';
import { routeErrorResponse } from '@/lib/http/route-errors';
import { getPriceBook } from '@/lib/rating';
import { localDate } from '@/lib/time/local-date';
import { aggregatePendingBatches } from '@/lib/usage/aggregates';
import { monthFilter, usageFileName, usageRows, type ExportGranularity } from '@/lib/usage/export';
import { parseUsageFilter } from '@/lib/usage/params';

const bad = (message: string, status = 400) => Response.json({ error: { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION', message } }, { status });

/**
 * GET /usage/export?from=&to=&app=&item=&granularity=5min|day&format=csv|xlsx: the usage
 * page's filters as a download (lib/usage/export.ts), for the signed-in customer's own
 * account. `month=YYYY-MM` (older links) stands for that month's dates.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireUser('customer');
    const sp = Object.fromEntries(new URL(request.url).searchParams.entries());
    const granularity = (sp.granularity ?? 'day') as ExportGranularity;
    const format = sp.format ?? 'csv';
    if (granularity !== '5min' && granularity !== 'day') return bad('granularity must be 5min or day.');
    if (format !== 'csv' && format !== 'xlsx') return bad('format must be csv or xlsx.');
    if (sp.month !== undefined) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(sp.month)) return bad('month must be YYYY-MM.');
      Object.assign(sp, monthFilter(sp.month));
    }
    const book = getPriceBook(user.account.priceBookId);
    const [apps, now] = await Promise.all([listApplications(db, user.accountId), accountNow(db, user.accountId)]);
    const { filter, problems } = parseUsageFilter(sp, localDate(now), { apps: apps.map((a) => a.sdkAppId), items: book.items.map((i) => i.code) });
    // Another account's SDKAppID answers like a missing one.
    if (sp.app && filter.sdkAppId === undefined) return bad('Not found.', 404);
    if (problems.length) return bad(problems.join(' '));
    await aggregatePendingBatches(rawSql(), user.accountId);
    const rows = usageRows(db, user.accountId, book, filter, granularity);
    const name = usageFileName(filter, granularity, format);
    if (format === 'csv') return new Response(csvStream(rows, { bom: true }), { headers: downloadHeaders('text/csv; charset=utf-8', name) });
    const all: CsvCell[][] = [];
    for await (const batch of rows) all.push(...batch);
    const body = await xlsxBuffer([
      {
        name: granularity === '5min' ? 'Usage 5-minute' : 'Usage daily',
        preface: [['Usage', `${filter.from} – ${filter.to}`], ['Time zone', book.timeZone], ...(filter.sdkAppId ? [['SDKAppID', filter.sdkAppId]] : []), ...(filter.item ? [['Item', filter.item]] : [])],
        rows: all,
        numeric: { sdk_app_id: '0', seconds: INTEGER_FMT, minutes_rounded_up: INTEGER_FMT, quantity: INTEGER_FMT, peak_kbps: '#,##0.###', records: INTEGER_FMT },
      },
    ]);
    return new Response(new Uint8Array(body), { headers: downloadHeaders(XLSX_TYPE, name) });
  } catch (err) {
    return routeErrorResponse(err, 'usage-export');
  }
}
