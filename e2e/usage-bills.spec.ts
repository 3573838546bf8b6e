import fs from 'node:fs';
import { expect, test } from './fixtures-test';
import { accountIdOf, advanceBy, clockOf, createAppDirect, topUpThroughPage } from './fixtures-dev';
import { localDayOf, mediaRecord, parseCsv, sendUsage, storedUsage } from './fixtures-usage';
import { newCustomer } from './fixtures-auth';

const HOUR = 3_600_000;

test.describe.configure({ timeout: 300_000 });

test('usage in, bills out: a signed batch on the chart, a file import with progress, the clock advanced, the bill explained, its CSV matching the page; late usage billed on an adjustment', async ({ page }) => {
  const me = await newCustomer(page, { name: 'Usage Walk Ltd' });
  const accountId = await accountIdOf(me.email);
  // A paid edition: usage past the free minutes is pay-as-you-go (a Free-edition app would stop).
  const app = await createAppDirect(accountId, { name: 'Walk Classroom', edition: 'lite' });
  await topUpThroughPage(page, '100');

  // Empty state explains how to send usage, with this account's SDKAppID.
  await page.goto('/usage');
  await expect(page.getByRole('heading', { name: 'No usage yet' })).toBeVisible();
  await expect(page.getByTestId('curl-example')).toContainText(`SDKAPPID=${app.sdkAppId}`);

  // A developer attaches a test clock at the next local midnight.
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('midnight');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  const day1 = await clockOf(accountId);
  const day = localDayOf(day1);

  // The customer's server sends a signed batch (curl-like fetch): 4K and audio at 10:00–10:30.
  const records = [
    ...Array.from({ length: 12 }, (_, i) => mediaRecord(app.sdkAppId, new Date(day1.getTime() + 10 * HOUR + i * 60_000), 1_800, [3840, 2160])),
    mediaRecord(app.sdkAppId, new Date(day1.getTime() + 10 * HOUR), 125),
  ];
  const sent = await sendUsage(page.request, app, JSON.stringify(records), { key: 'walk-batch-1' });
  expect(sent.status).toBe(201);
  expect(sent.json).toMatchObject({ accepted: 13, replayed: false });

  // It is on the usage page's chart (one day: 5-minute buckets) and in the table.
  await page.goto(`/usage?from=${day}&to=${day}`);
  await expect(page.getByRole('heading', { name: `Minutes per 5 minutes on ${day}` })).toBeVisible();
  const chart = page.getByTestId('usage-chart');
  await expect(chart.locator('[data-bucket="10:00"]')).toHaveCount(1);
  await expect(chart.locator('[data-bucket="10:30"]')).toHaveCount(1);
  await expect(chart.locator('[data-bucket="11:00"]')).toHaveCount(0);
  // 12 x 1,800 s of 4K = 360 minutes; audio 125 s → 3 minutes (rounded up per app per day).
  await expect(page.locator('[data-testid=usage-by-app-item] tr[data-item="4k"] [data-testid=minutes]')).toHaveText('360');
  await expect(page.locator('[data-testid=usage-by-app-item] tr[data-item="audio"] [data-testid=minutes]')).toHaveText('3');
  await expect(page.getByTestId('rounding-rule')).toContainText('rounded up to whole minutes');

  // Import a JSONL file: progress bar, summary of accepted rows.
  const lines = [1, 2, 3].map((i) => JSON.stringify(mediaRecord(app.sdkAppId, new Date(day1.getTime() + 14 * HOUR + i * 60_000), 600, [1280, 720])));
  await page.getByLabel('Usage file').setInputFiles({ name: 'usage.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('Imported 3 of 3 rows (JSONL); 0 refused.');
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '100');
  await expect(page.locator('[data-testid=usage-by-app-item] tr[data-item="hd"] [data-testid=minutes]')).toHaveText('30');
  await expect(page.getByTestId('usage-chart').locator('[data-bucket="14:00"]')).toHaveCount(1);

  // A refused file stores nothing and lists the row.
  const before = await storedUsage(accountId);
  const bad = [lines[0], JSON.stringify({ ...mediaRecord(app.sdkAppId, day1, 60), seconds: -1 })].join('\n');
  await page.getByLabel('Usage file').setInputFiles({ name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('File refused: 2 rows read, 1 valid, 1 refused. Nothing was stored.');
  await expect(page.getByTestId('import-summary')).toContainText('seconds');
  expect(await storedUsage(accountId)).toEqual(before);

  // The developer advances the clock a day: the day is settled into a bill.
  await advanceBy(page, '+1 day');
  await expect(page.getByTestId('advance-ran')).toContainText('Bill B');

  // The bill: in the list, then its page; a line expands to its explanation.
  await page.goto('/bills');
  const row = page.getByTestId('bills-table').getByRole('row').filter({ hasText: day });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { name: /^Bill B/ })).toBeVisible();
  const line = page.locator('[data-testid=bill-line][data-item="4k"]');
  await expect(line.getByTestId('line-explanation')).toBeHidden();
  await line.locator(':scope > summary').click();
  const explanation = line.getByTestId('line-explanation');
  await expect(explanation).toBeVisible();
  await expect(explanation).toContainText('12 records');
  await expect(explanation).toContainText(`21,600 s on ${day} (Asia/Shanghai) → ceil → 360 min`);
  await expect(explanation).toContainText('Free minutes');
  await expect(explanation).toContainText('1:36');
  await expect(explanation.getByTestId('line-price')).toContainText('35.99 USD / 1,000 min');
  await expect(explanation).toContainText('Seed 003');

  // The CSV download: its lines add up to the amount and its total is the page's total.
  const pageTotal = (await page.getByTestId('bill-total').textContent())!.replace(/[$,]/g, '');
  const pageAmount = (await page.getByTestId('bill-amount').textContent())!.trim();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bill-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^bill-B\d+\.csv$/);
  const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
  const lineRows = csv.filter((r) => r.item !== 'AMOUNT' && r.item !== 'TOTAL');
  expect(lineRows.length).toBe(await page.getByTestId('bill-line').count());
  expect(csv.find((r) => r.item === 'TOTAL')?.amount).toBe(pageTotal);
  expect(csv.find((r) => r.item === 'AMOUNT')?.amount).toBe(pageAmount);
  const sumLines = lineRows.reduce((s, r) => s + Math.round(Number(r.amount) * 1e8), 0) / 1e8;
  expect(sumLines.toFixed(2)).toBe(Number(pageAmount).toFixed(2));
  expect(lineRows.find((r) => r.item === '4k')?.quantity).toBeDefined();

  // Late usage: 600 s more audio for the billed day. Issued bills never change (lifecycle.md,
  // Settlement): the next tick re-rates the day and bills the difference on an adjustment bill.
  const late = await sendUsage(page.request, app, JSON.stringify([mediaRecord(app.sdkAppId, new Date(day1.getTime() + 16 * HOUR), 600)]), { key: 'walk-late-1' });
  expect(late.status).toBe(201);
  await advanceBy(page, '+1 hour');
  await page.goto('/bills?kind=adjustment');
  const adjustmentRow = page.getByTestId('bills-table').getByRole('row').filter({ hasText: day });
  await expect(adjustmentRow).toHaveCount(1);
  await adjustmentRow.getByRole('link').click();
  await expect(page.getByRole('heading', { name: /^Bill B/ })).toBeVisible();
  await expect(page.getByText(`Usage for ${day} arrived after its daily bill was issued.`)).toBeVisible();
  const audio = page.locator('[data-testid=bill-line][data-item="audio"]');
  await audio.locator(':scope > summary').click();
  // rating.md section 3: the re-rated day's audio is rounded once, 125 s + 600 s → 13 min (the daily bill had 3).
  await expect(audio.getByTestId('line-explanation')).toContainText(`725 s on ${day} (Asia/Shanghai) → ceil → 13 min`);
  await expect(audio.getByTestId('line-explanation')).toContainText('Re-rated with 1 late record (of the 2 above)');
  // Both quantities carry their unit: 13 min less the 3 free minutes to pay for now; the daily bill's 3 min were all free.
  await expect(audio.getByTestId('line-explanation')).toContainText(': 10 min to pay for 0.0099 USD in all');
  await expect(audio.getByTestId('line-explanation')).toContainText("the day's earlier bills charged 0 min for 0 USD");
});
