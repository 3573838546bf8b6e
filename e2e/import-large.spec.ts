import { expect, test } from './fixtures-test';
import { accountIdOf, createAppDirect } from './fixtures-dev';
import { localDayOf, storedUsage } from './fixtures-usage';
import { newCustomer } from './fixtures-auth';

test.describe.configure({ timeout: 600_000 });

/**
 * The documented limit (docs/usage-api.md: 20 MB, 100,000 records per file) as a spreadsheet
 * saves it: BOM, CRLF, quoted JSON cells. The progress bar moves while the file streams
 * through csv-parse; a bad last row refuses the whole file; the good file lands whole.
 */
test('a 20 MB CSV import shows progress and lands all or nothing', async ({ page }) => {
  const me = await newCustomer(page, { name: 'Large Import Ltd' });
  const accountId = await accountIdOf(me.email);
  const app = await createAppDirect(accountId, { name: 'Large Classroom', edition: 'lite' });
  const ROWS = 96_000;
  const yesterday = localDayOf(new Date(Date.now() - 24 * 3_600_000));
  const room = 'r'.repeat(80);
  const rows = ['type,app,user,room,start,seconds,receive'];
  for (let i = 0; i < ROWS; i++) {
    const h = String(8 + Math.floor(i / 12_000)).padStart(2, '0');
    rows.push(`media,${app.sdkAppId},"user ${i}, ""A""",${room}${i},${yesterday}T${h}:00:00+08:00,60,"[{""stream"":""s${i}"",""audio"":true,""video"":[1280,720]}]"`);
  }
  const good = Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
  expect(good.byteLength).toBeGreaterThan(19 * 1024 * 1024);
  expect(good.byteLength).toBeLessThanOrEqual(20 * 1024 * 1024);
  const bad = Buffer.from(`\uFEFF${[...rows.slice(0, -1), rows.at(-1)!.replace(',60,', ',-60,')].join('\r\n')}\r\n`, 'utf8');

  await page.goto('/usage');
  // Every value the progress bar takes, seen from the page.
  const watch = () =>
    page.evaluate(() => {
      (window as unknown as { progress: string[] }).progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[role=progressbar]');
        if (bar) (window as unknown as { progress: string[] }).progress.push(bar.getAttribute('aria-valuenow') ?? '');
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
  const seen = () => page.evaluate(() => (window as unknown as { progress: string[] }).progress.map(Number));

  const before = await storedUsage(accountId);
  await watch();
  await page.getByLabel('Usage file').setInputFiles({ name: 'usage-bad.csv', mimeType: 'text/csv', buffer: bad });
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByTestId('import-summary')).toContainText(`File refused: ${ROWS.toLocaleString('en-US')} rows read, ${(ROWS - 1).toLocaleString('en-US')} valid, 1 refused. Nothing was stored.`, { timeout: 240_000 });
  expect(await storedUsage(accountId)).toEqual(before);

  await page.reload();
  await watch();
  await page.getByLabel('Usage file').setInputFiles({ name: 'usage.csv', mimeType: 'text/csv', buffer: good });
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByTestId('import-summary')).toContainText(`Imported ${ROWS.toLocaleString('en-US')} of ${ROWS.toLocaleString('en-US')} rows (CSV); 0 refused.`, { timeout: 240_000 });
  const values = await seen();
  expect(values.some((v) => v > 0 && v < 100), `progress seen: ${[...new Set(values)].join(', ')}`).toBe(true);
  expect(values.at(-1)).toBe(100);
  expect(await storedUsage(accountId)).toMatchObject({ records: ROWS, batches: 1 });
});
