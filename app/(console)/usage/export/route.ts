import { db } from '@/db';
import { rawSqlOf } from '@/db/raw';
import { listApplications } from '@/db/queries/applications';
import { requireUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { csvStream, downloadHeaders, type CsvCell } from '@/lib/export/csv';
import { INTEGER_FMT, XLSX_TYPE, xlsxBuffer } from '@/lib/export/xlsx';
import { route } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { getPriceBook } from '@/lib/rating';
import { localDate } from '@/lib/time/local-date';
import { aggregatePendingUsage } from '@/lib/usage/aggregates';
import { monthFilter, usageFileName, usageRows, type ExportGranularity } from '@/lib/usage/export';
import { parseUsageFilter } from '@/lib/usage/params';
import { actionLocale } from '@/lib/actions/locale';
import { exportsT, numericIn } from '@/lib/export/headers';

const bad = (message: string, status = 400) => new AppError(status === 404 ? 'NOT_FOUND' : 'VALIDATION', message);

/**
 * GET /usage/export?from=&to=&app=&item=&granularity=5min|day&format=csv|xlsx: the usage
 * page's filters as a download (lib/usage/export.ts), for the signed-in customer's own
 * account. `month=YYYY-MM` (older links) stands for that month's dates.
 */
export const GET = route('usage-export', async (request: Request): Promise<Response> => {
  const user = await requireUser('customer');
  const sp = Object.fromEntries(new URL(request.url).searchParams.entries());
  const granularity = (sp.granularity ?? 'day') as ExportGranularity;
  const format = sp.format ?? 'csv';
  if (granularity !== '5min' && granularity !== 'day') throw bad('granularity must be 5min or day.');
  if (format !== 'csv' && format !== 'xlsx') throw bad('format must be csv or xlsx.');
  if (sp.month !== undefined) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(sp.month)) throw bad('month must be YYYY-MM.');
    Object.assign(sp, monthFilter(sp.month));
  }
  const book = getPriceBook(user.account.priceBookId);
  const [apps, now] = await Promise.all([listApplications(db, user.accountId), accountNow(db, user.accountId)]);
  const { filter, problems } = parseUsageFilter(sp, localDate(now), { apps: apps.map((a) => a.sdkAppId), items: book.items.map((i) => i.code) });
  // Another account's SDKAppID answers like a missing one.
  if (sp.app && filter.sdkAppId === undefined) throw bad('Not found.', 404);
  if (problems.length) throw bad(problems.join(' '));
  await aggregatePendingUsage(rawSqlOf(db), user.accountId);
  const locale = await actionLocale(user.account);
  const t = exportsT(locale);
  const rows = usageRows(db, user.accountId, book, filter, granularity, locale);
  const name = usageFileName(filter, granularity, format);
  if (format === 'csv') return new Response(csvStream(rows, { bom: true }), { headers: downloadHeaders('text/csv; charset=utf-8', name) });
  const all: CsvCell[][] = [];
  for await (const batch of rows) all.push(...batch);
  const body = await xlsxBuffer([
    {
      name: granularity === '5min' ? t('sheets.usage5min') : t('sheets.usageDaily'),
      preface: [
        [t('usage.usage'), `${filter.from} – ${filter.to}`],
        [t('usage.timeZone'), book.timeZone],
        ...(filter.sdkAppId ? [[t('usage.sdkAppId'), filter.sdkAppId]] : []),
        ...(filter.item ? [[t('usage.item'), filter.item]] : []),
      ],
      rows: all,
      numeric: numericIn(locale, { sdk_app_id: '0', seconds: INTEGER_FMT, minutes_rounded_up: INTEGER_FMT, quantity: INTEGER_FMT, peak_kbps: '#,##0.###', records: INTEGER_FMT }),
    },
  ]);
  return new Response(new Uint8Array(body), { headers: downloadHeaders(XLSX_TYPE, name) });
});
