import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from './fixtures-test';
import { accountIdOf, advanceBy, clockOf, createAppDirect, topUpThroughPage } from './fixtures-dev';
import { localDayOf, mediaRecord, offsetIso, sendUsage, storedUsage } from './fixtures-usage';
import { newCustomer } from './fixtures-auth';

const HOUR = 3_600_000;

test.describe.configure({ timeout: 300_000 });

/** The text of a PDF, read with pdfjs-dist (pdftotext is not on every machine). */
async function pdfText(path: string): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(fs.readFileSync(path)), verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += `${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  }
  return text.replace(/\s+/g, ' ');
}

async function download(page: Page, testId: string) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), path: (await d.path())! };
}

test('exports: the Excel bill matches the bill page to the cent, the statement PDF holds the period total, a CSV import with quotes/BOM/CRLF lands all or nothing', async ({ page }) => {
  const me = await newCustomer(page, { name: 'Export Walk Ltd' });
  const accountId = await accountIdOf(me.email);
  const app = await createAppDirect(accountId, { name: 'Export Classroom', edition: 'lite' });
  await topUpThroughPage(page, '100');
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('midnight');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  const day1 = await clockOf(accountId);
  const day = localDayOf(day1);

  // A CSV file as spreadsheet programs save it: BOM, CRLF, quoted cells with commas, quotes and a line break.
  const at = (h: number, m: number) => offsetIso(new Date(day1.getTime() + h * HOUR + m * 60_000));
  const rows = [
    'type,app,user,room,start,seconds,receive',
    `media,${app.sdkAppId},"Lee, ""Max""","Room\r\nOne",${at(9, 0)},1800,"[{""stream"":""s1"",""audio"":true,""video"":[1920,1080]}]"`,
    `media,${app.sdkAppId},u2,r2,${at(9, 10)},3000,"[{""stream"":""s2"",""audio"":true,""video"":[1280,720]}]"`,
    `media,${app.sdkAppId},u3,r3,${at(9, 20)},125,[]`,
  ];
  const good = Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
  await page.goto('/usage');
  await page.getByLabel('Usage file').setInputFiles({ name: 'usage.csv', mimeType: 'text/csv', buffer: good });
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('Imported 3 of 3 rows (CSV); 0 refused.');
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '100');
  const afterGood = await storedUsage(accountId);

  // One bad line among good ones: the whole file is refused, nothing is stored.
  const bad = Buffer.from(`\uFEFF${[...rows.slice(0, 3).map((r) => r.replace(/u2/, 'u2b')), `media,${app.sdkAppId},u4,r4,${at(10, 0)},-60,[]`].join('\r\n')}\r\n`, 'utf8');
  await page.getByLabel('Usage file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: bad });
  await page.getByRole('button', { name: 'Import file' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('File refused: 3 rows read, 2 valid, 1 refused. Nothing was stored.');
  // The bad row starts on line 5: the quoted line break in row 1 counts as a line.
  await expect(summary.getByRole('row').filter({ hasText: 'seconds' })).toContainText('5');
  expect(await storedUsage(accountId)).toEqual(afterGood);

  // The API sends more; the day is settled into a bill.
  const sent = await sendUsage(page.request, app, JSON.stringify([mediaRecord(app.sdkAppId, new Date(day1.getTime() + 11 * HOUR), 2_400, [3840, 2160])]), { key: 'export-walk-1' });
  expect(sent.status).toBe(201);
  await advanceBy(page, '+1 day');
  await expect(page.getByTestId('advance-ran')).toContainText('Bill B');

  // The bill page and its Excel download agree to the cent.
  await page.goto(`/bills?month=${day.slice(0, 7)}`);
  const row = page.getByTestId('bills-table').getByRole('row').filter({ hasText: day });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { name: /^Bill B/ })).toBeVisible();
  const billPath = new URL(page.url()).pathname;
  const pageTotal = (await page.getByTestId('bill-total').textContent())!.trim(); // "$1.23"
  const pageAmount = (await page.getByTestId('bill-amount').textContent())!.trim();
  const number = (await page.getByRole('heading', { name: /^Bill B/ }).textContent())!.replace('Bill ', '').trim();
  const xlsx = await download(page, 'bill-xlsx');
  expect(xlsx.name).toBe(`bill-${number}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx.path);
  const summarySheet = wb.getWorksheet('Bill')!;
  const field = (name: string) => {
    let v: unknown;
    summarySheet.eachRow((r) => {
      if (r.getCell(1).value === name) v = r.getCell(2).value;
    });
    return v;
  };
  expect(field('Bill')).toBe(number);
  const total = Number(field('Total'));
  expect(`$${total.toFixed(2)}`).toBe(pageTotal.replace(/,/g, ''));
  expect(Number(field('Amount (exact sum of lines)')).toFixed(6)).toBe(Number(pageAmount).toFixed(6));
  const lines = wb.getWorksheet('Lines')!;
  const header = (lines.getRow(1).values as unknown[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  let cents = 0;
  let lineCount = 0;
  lines.eachRow((r, n) => {
    const item = String(r.getCell(col('item')).value);
    if (n === 1 || item === 'AMOUNT' || item === 'TOTAL') return;
    lineCount++;
    cents += Math.round(Number(r.getCell(col('amount')).value) * 1e8);
  });
  expect(lineCount).toBe(await page.getByTestId('bill-line').count());
  expect(`$${(cents / 1e8).toFixed(2)}`).toBe(pageTotal.replace(/,/g, ''));

  // The month's statement PDF names the account and the period's total (this one bill).
  await page.goto(`/bills?month=${day.slice(0, 7)}`);
  const pdf = await download(page, 'statement-pdf');
  expect(pdf.name).toBe(`statement-${day.slice(0, 7)}.pdf`);
  expect(fs.readFileSync(pdf.path).subarray(0, 5).toString()).toBe('%PDF-');
  const text = await pdfText(pdf.path);
  expect(text).toContain(`Monthly statement ${day.slice(0, 7)}`);
  expect(text).toContain('Export Walk Ltd');
  expect(text).toContain(number);
  expect(text).toMatch(new RegExp(`Total of the period\\s+${pageTotal.replace('$', '\\$')}`));
  expect(text).toContain('Payments');

  // The month's bill list follows the filter: one bill, its total.
  const listXlsx = await download(page, 'bills-xlsx');
  expect(listXlsx.name).toBe(`bills-${day.slice(0, 7)}.xlsx`);
  const lw = new ExcelJS.Workbook();
  await lw.xlsx.readFile(listXlsx.path);
  const bills = lw.getWorksheet('Bills')!;
  expect(bills.rowCount).toBe(2);
  expect(bills.getRow(2).getCell(1).value).toBe(number);
  expect(`$${Number(bills.getRow(2).getCell(9).value).toFixed(2)}`).toBe(pageTotal.replace(/,/g, ''));

  // Downloads are scoped to the signed-in account: another customer gets 404 for this bill,
  // and their own statement and bill list do not hold it.
  expect((await page.request.get(`${billPath}/xlsx`)).status()).toBe(200);
  await page.context().clearCookies();
  await newCustomer(page, { name: 'Someone Else' });
  expect((await page.request.get(`${billPath}/xlsx`)).status()).toBe(404);
  expect((await page.request.get(`${billPath}/csv`)).status()).toBe(404);
  const theirList = await page.request.get(`/bills/export?format=csv&month=${day.slice(0, 7)}`);
  expect(theirList.status()).toBe(200);
  expect(await theirList.text()).not.toContain(number);
});
