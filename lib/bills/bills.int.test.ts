import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { applicationNames, getBill, listBillLines, listBills } from '@/lib/bills/queries';
import { listDailyUsage } from '@/lib/usage/queries';
import { getPriceBook } from '@/lib/rating';
import { dec, sum } from '@/lib/money/decimal';
import { safeUsageWatermark, settleDay } from '@/lib/settlement';
import { validateBatch } from '@/lib/usage/batch';
import { parse as parseCsvText } from 'csv-parse/sync';
import { storeUsageBatch } from '@/lib/usage/store';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import ExcelJS from 'exceljs';
import { csvRows } from '@/lib/export/csv';
import { loadStatement } from '@/lib/statements/statement';
import { billCsv, BILL_CSV_HEADER } from './csv';
import { billListRows, billXlsx, loadBillForExport } from './export';
import { readExplanation } from './present';

const { db, sql } = testDb();
const book = getPriceBook('trtc-2024-usd');
const DAY = '2024-10-08';

const media = (app: number, start: string, seconds: number, video?: [number, number]) => ({
  type: 'media', app, user: `u-${randomUUID().slice(0, 6)}`, start, seconds, receive: video ? [{ stream: 's', audio: true, video }] : [],
});

async function send(accountId: string, sdkAppId: number, records: unknown[]) {
  const v = validateBatch(records.map((value) => ({ value })), { book, sdkAppId });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await storeUsageBatch(sql, { accountId, sdkAppId, source: 'api', idempotencyKey: randomUUID(), bodySha256: 'x', receivedAt: new Date(), timeZone: book.timeZone, records: v.records });
}

function parseCsv(text: string): Record<string, string>[] {
  return parseCsvText(text, { bom: true, columns: true, relax_column_count: true }) as Record<string, string>[];
}

async function billedAccount() {
  const { accountId } = await createTestAccount(db, { balance: '100' });
  const a = await createTestApplication(db, accountId, { name: 'Classroom, "A"' });
  const b = await createTestApplication(db, accountId, { name: 'Town Hall' });
  await send(accountId, a.sdkAppId, [
    media(a.sdkAppId, '2024-10-08T09:00:00+08:00', 3_601, [1280, 720]),
    media(a.sdkAppId, '2024-10-08T09:00:00+08:00', 1_234),
    media(a.sdkAppId, '2024-10-08T23:50:00+08:00', 1_200, [1920, 1080]), // 600 s on the 8th, 600 s on the 9th
  ]);
  await send(accountId, b.sdkAppId, [media(b.sdkAppId, '2024-10-08T12:00:00+08:00', 7_777, [3840, 2160]), media(b.sdkAppId, '2024-10-08T12:00:00+08:00', 59)]);
  const throughId = await safeUsageWatermark(db);
  const r = await db.transaction((tx) => settleDay(tx, { accountId, day: DAY, now: new Date('2024-10-09T00:00:00+08:00'), throughId, mode: 'daily' }));
  if (r.outcome !== 'billed') throw new Error(`expected a bill, got ${JSON.stringify(r)}`);
  return { accountId, a, b, billId: r.billId };
}

describe('bill CSV', () => {
  test("the CSV's lines add up to the bill amount, and its TOTAL row is the bill's total", async () => {
    const { accountId, billId } = await billedAccount();
    const bill = await getBill(db, accountId, billId);
    expect(bill).not.toBeNull();
    const lines = await listBillLines(db, accountId, billId);
    const csv = billCsv(bill!, lines, await applicationNames(db, accountId));
    expect(csv.split('\r\n')[0]).toBe(BILL_CSV_HEADER.join(','));
    const rows = parseCsv(csv);
    const lineRows = rows.filter((r) => r.item !== 'AMOUNT' && r.item !== 'TOTAL');
    expect(lineRows).toHaveLength(lines.length);
    expect(sum(lineRows.map((r) => r.amount as string)).toFixed()).toBe(bill!.amount.toFixed());
    expect(rows.find((r) => r.item === 'AMOUNT')?.amount).toBe(bill!.amount.toFixed());
    expect(rows.find((r) => r.item === 'TOTAL')?.amount).toBe(bill!.total.toFixed(2));
    expect(bill!.total.toFixed(2)).toBe(dec(bill!.amount).toDecimalPlaces(2).toFixed(2));
    // Application names with commas and quotes survive the quoting.
    expect(lineRows.some((r) => r.application === 'Classroom, "A"')).toBe(true);
    // Each line carries its explanation.
    expect(lineRows.every((r) => (r.explanation ?? '').includes('→ ceil →'))).toBe(true);
  });

  test('billed minutes equal the usage statistics rounded up per application per day', async () => {
    const { accountId, billId } = await billedAccount();
    const lines = await listBillLines(db, accountId, billId);
    const stats = await listDailyUsage(db, accountId, { from: DAY, to: DAY });
    const fromStats = Object.fromEntries(stats.map((s) => [`${s.sdkAppId}|${s.item}`, String(Math.ceil(s.seconds / 60))]));
    const fromBill = Object.fromEntries(lines.map((l) => [`${l.sdkAppId}|${l.item}`, readExplanation(l.explanation).usage]));
    expect(fromBill).toEqual(fromStats);
    // FHD crossed midnight: only the 600 s of the 8th are on the 8th's bill.
    const fhd = lines.find((l) => l.item === 'fhd');
    expect(readExplanation(fhd?.explanation).detail?.measured?.value).toBe('600');
  });

  test("another account's bill is not found, like a missing one", async () => {
    const { accountId, billId } = await billedAccount();
    const other = await createTestAccount(db);
    expect(await getBill(db, other.accountId, billId)).toBeNull();
    expect(await listBillLines(db, other.accountId, billId)).toEqual([]);
    expect(await getBill(db, accountId, randomUUID())).toBeNull();
    expect(await getBill(db, accountId, 'not-a-uuid')).toBeNull();
    expect((await listBills(db, other.accountId, { sort: 'period', dir: 'desc', limit: 10, offset: 0 })).total).toBe(0);
    const mine = await listBills(db, accountId, { sort: 'period', dir: 'desc', limit: 10, offset: 0 });
    expect(mine.rows.map((r) => [r.id, r.lineCount > 0])).toEqual([[billId, true]]);
  });
});

describe('bill Excel, bill list and monthly statement', () => {
  test("the Excel bill's total and lines are the bill's, to the cent", async () => {
    const { accountId, billId } = await billedAccount();
    const loaded = await loadBillForExport(db, accountId, billId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await billXlsx(loaded!)) as unknown as ArrayBuffer);
    const summary = Object.fromEntries(wb.getWorksheet('Bill')!.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(summary.Bill).toBe(loaded!.bill.number);
    expect(Number(summary.Total).toFixed(2)).toBe(loaded!.bill.total.toFixed(2));
    const lines = wb.getWorksheet('Lines')!;
    const header = (lines.getRow(1).values as unknown[]).slice(1);
    const amountCol = header.indexOf('amount') + 1;
    const itemCol = header.indexOf('item') + 1;
    const lineAmounts: string[] = [];
    lines.eachRow((row, n) => {
      if (n > 1 && !['AMOUNT', 'TOTAL'].includes(String(row.getCell(itemCol).value))) lineAmounts.push(String(row.getCell(amountCol).value));
    });
    expect(lineAmounts).toHaveLength(loaded!.lines.length);
    expect(sum(lineAmounts).toDecimalPlaces(2).toFixed(2)).toBe(loaded!.bill.total.toFixed(2));
    expect(await loadBillForExport(db, (await createTestAccount(db)).accountId, billId)).toBeNull();
  });

  test('a month filter lists the bills whose period starts in it', async () => {
    const { accountId, billId } = await billedAccount();
    const opts = { sort: 'period' as const, dir: 'desc' as const, limit: 10, offset: 0 };
    expect((await listBills(db, accountId, { ...opts, month: '2024-10' })).rows.map((r) => r.id)).toEqual([billId]);
    expect((await listBills(db, accountId, { ...opts, month: '2024-11' })).total).toBe(0);
    const rows = parseCsv(csvRows(billListRows((await listBills(db, accountId, opts)).rows)));
    expect(rows.map((r) => r.total)).toEqual([(await getBill(db, accountId, billId))!.total.toFixed(2)]);
  });

  test("the statement's balance adds up and its bills total is the month's", async () => {
    const { accountId, billId } = await billedAccount();
    const bill = (await getBill(db, accountId, billId))!;
    const st = await loadStatement(db, { id: accountId, name: 'Acme', email: 'a@example.com', currency: 'USD' }, '2024-10');
    expect(st.bills.map((b) => b.number)).toEqual([bill.number]);
    expect(st.billsTotal.toFixed(2)).toBe(bill.total.toFixed(2));
    expect(st.opening.plus(st.paymentsTotal).plus(st.otherTotal).toFixed()).toBe(st.closing.toFixed());
    const other = await loadStatement(db, { id: (await createTestAccount(db)).accountId, name: 'B', email: 'b@example.com', currency: 'USD' }, '2024-10');
    expect(other.bills).toEqual([]);
  });
});

describe('exports in Chinese (issue 14 item 4)', () => {
  test('a zh bill CSV, bill Excel and bill list have Chinese headers and words, and the same figures as the English ones', async () => {
    const { accountId, billId } = await billedAccount();
    const loaded = (await loadBillForExport(db, accountId, billId))!;
    const { bill, lines, apps, names } = loaded;
    const en = parseCsvText(billCsv(bill, lines, apps, names), { bom: true, relax_column_count: true }) as string[][];
    const zh = parseCsvText(billCsv(bill, lines, apps, names, 'zh'), { bom: true, relax_column_count: true }) as string[][];
    expect(en[0]).toEqual(BILL_CSV_HEADER);
    expect(zh[0]).toEqual(['账单编号', '类型', '账期开始', '账期结束', '币种', 'SDKAppID', '应用', '计费项代码', '说明', '用量', '计费数量', '单位', '单价', '计价单位数量', '金额', '抵扣', '计费说明']);
    expect(zh).toHaveLength(en.length);
    // Machine columns: bill number, dates, currency, app id, item code, usage, quantity, unit, prices, amounts are identical.
    const machine = [0, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14];
    for (let r = 1; r < en.length; r++) expect(machine.map((c) => zh[r]![c])).toEqual(machine.map((c) => en[r]![c]));
    expect(zh.slice(1).every((r) => r[1] === '日结')).toBe(true);
    const hd = zh.find((r) => r[7] === 'hd')!;
    expect(hd[8]).toBe('视频时长，高清 HD（聚合分辨率 ≤ 921,600 像素）');
    expect(hd[16]).toMatch(/^应用 \d+：\d+ 条记录（#\d+.*）；[\d,]+ 秒（2024-10-08，Asia\/Shanghai）→ 向上取整 → \d+ 分钟；/);
    expect(zh.find((r) => r[7] === 'TOTAL')![8]).toBe('实扣合计：金额四舍五入至 2 位小数');
    expect(zh.find((r) => r[7] === 'TOTAL')![14]).toBe(bill.total.toFixed(2));
    // No English sentence left in the Chinese rows (names of applications are the customer's own).
    expect(JSON.stringify(zh)).not.toMatch(/records|ceil|Amount:|Total charged/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await billXlsx(loaded, 'zh')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['账单', '明细']);
    const summary = Object.fromEntries(wb.getWorksheet('账单')!.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(summary['账单编号']).toBe(bill.number);
    expect(summary['合计']).toBe(Number(bill.total.toFixed(2)));
    expect(summary['类型']).toBe('日结');
    const sheet = wb.getWorksheet('明细')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(zh[0]);
    // Numeric columns stay numbers under their Chinese names.
    expect(typeof sheet.getRow(2).getCell(header.indexOf('金额') + 1).value).toBe('number');

    const list = parseCsvText(csvRows(billListRows((await listBills(db, accountId, { sort: 'period', dir: 'desc', limit: 10, offset: 0 })).rows, 'zh')), { bom: true }) as string[][];
    expect(list[0]).toEqual(['账单编号', '类型', '账期开始', '账期结束', '出账时间', '币种', '明细行数', '金额', '合计', '状态']);
    expect(list[1]![8]).toBe(bill.total.toFixed(2));
    expect(list[1]![9]).toBe('已从余额扣费');
  });
});

