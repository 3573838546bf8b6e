import fs from 'node:fs';
import { expect, test, type Page } from './fixtures-test';
import { accountIdOf, advanceBy, clockOf, createAppDirect, topUpThroughPage } from './fixtures-dev';
import { localDayOf, mediaRecord, sendUsage } from './fixtures-usage';
import { newCustomer } from './fixtures-auth';
import { keepScreenshot, SCREENSHOTS_WANTED } from './fixtures-shots';

const HOUR = 3_600_000;
/** Screenshots of the changed pages at both widths (.data is not committed, nor cleaned by Playwright; E2E_SCREENSHOTS=e2e/screenshots to keep them). */
const SHOTS = process.env.E2E_SCREENSHOTS ?? '.data/screenshots';

test.describe.configure({ timeout: 300_000 });

async function shoot(page: Page, name: string) {
  if (!SCREENSHOTS_WANTED) return; // only screenshots below (e2e/fixtures-shots.ts)
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1360, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(300); // recharts redraws on resize
    await keepScreenshot(page, { path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1360, height: 860 });
}

test('charts: usage stacked per tier for a day and a range, cost by day, package minutes; legends toggle; a table of the same figures; readable on a phone', async ({ page }) => {
  const me = await newCustomer(page, { name: 'Chart Walk Ltd' });
  const accountId = await accountIdOf(me.email);
  const app = await createAppDirect(accountId, { name: 'Chart Classroom', edition: 'lite' });
  await topUpThroughPage(page, '100');
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('midnight');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  const day1 = await clockOf(accountId);
  const day = localDayOf(day1);

  // Two days of usage in three tiers: HD, Full HD and audio.
  for (const [d, key] of [[0, 'c1'], [1, 'c2']] as const) {
    const base = day1.getTime() + d * 24 * HOUR;
    const records = [
      ...Array.from({ length: 6 }, (_, i) => mediaRecord(app.sdkAppId, new Date(base + 9 * HOUR + i * 10 * 60_000), 1_500, [1280, 720])),
      ...Array.from({ length: 4 }, (_, i) => mediaRecord(app.sdkAppId, new Date(base + 10 * HOUR + i * 15 * 60_000), 2_000, [1920, 1080])),
      mediaRecord(app.sdkAppId, new Date(base + 9 * HOUR), 3_000),
      // 4K past the month's free minutes (1:36): the bills charge money.
      ...Array.from({ length: 12 }, (_, i) => mediaRecord(app.sdkAppId, new Date(base + 14 * HOUR + i * 60_000), 1_800, [3840, 2160])),
    ];
    if (d === 1) await advanceBy(page, '+1 day');
    const sent = await sendUsage(page.request, app, JSON.stringify(records), { key });
    expect(sent.status).toBe(201);
  }
  await advanceBy(page, '+1 day');
  await expect(page.getByTestId('advance-ran')).toContainText('Bill B');

  // One day: 5-minute windows, stacked per tier; the table holds the same figures.
  await page.goto(`/usage?from=${day}&to=${day}`);
  const chart = page.getByTestId('usage-chart');
  await expect(chart.locator('.recharts-surface').first()).toBeVisible();
  await expect(chart.getByTestId('chart-legend-item')).toHaveText(['Audio duration', /Video duration, HD/, /Video duration, FHD/, /Video duration, 4K/]);
  const bars = chart.locator('.recharts-bar-rectangle');
  const before = await bars.count();
  expect(before).toBeGreaterThan(0);
  // The legend hides and shows a series (a button: keyboard too).
  const audio = chart.getByTestId('chart-legend-item').filter({ hasText: 'Audio duration' });
  await audio.focus();
  await page.keyboard.press('Enter');
  await expect(audio).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => bars.count()).toBeLessThan(before);
  await audio.click();
  await expect(audio).toHaveAttribute('aria-pressed', 'true');
  // A tooltip names the window and the minutes.
  await chart.locator('.recharts-bar-rectangle').first().hover();
  await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText('min');
  // Table view: 09:00 holds 300 s of HD (5 min) and 300 s of audio (5 min).
  await chart.getByText(/^Table view/).click();
  await expect(chart.locator('tr[data-bucket="09:00"]')).toHaveAttribute('data-value', '10');
  await shoot(page, 'usage-day');

  // A range: minutes per day, stacked per tier; each day's minutes are rounded up per app and item.
  await page.goto(`/usage?from=${day}&to=${localDayOf(new Date(day1.getTime() + 24 * HOUR))}`);
  await expect(page.getByTestId('usage-chart').locator('.recharts-surface').first()).toBeVisible();
  // 6 × 1,500 s HD = 150 min; 4 × 2,000 s FHD = 134 min (8,000 s ↑); audio 3,000 s = 50 min; 12 × 1,800 s 4K = 360 min → 694.
  await expect(page.getByTestId('usage-chart').locator(`tr[data-bucket="${day}"]`)).toHaveAttribute('data-value', '694');
  await shoot(page, 'usage-range');

  // Overview: cost by day.
  await page.goto('/overview');
  const cost = page.getByTestId('cost-chart');
  await expect(cost.locator('.recharts-surface').first()).toBeVisible();
  await expect(cost.getByTestId('chart-legend-item')).toContainText(['Daily bills']);
  await expect(cost.locator('tbody tr[data-bucket]')).toHaveCount(2);
  await shoot(page, 'overview');

  // Packages: minutes taken from the free minutes per day.
  await page.goto('/packages');
  const pm = page.getByTestId('package-minutes-chart');
  await expect(pm.locator('.recharts-surface').first()).toBeVisible();
  await expect(pm.getByTestId('chart-legend-item')).toContainText(['Monthly free minutes']);
  await shoot(page, 'packages');

  await page.goto('/bills');
  await expect(page.getByTestId('bills-table')).toBeVisible();
  await shoot(page, 'bills');

  // No sideways page scroll on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/overview', '/packages', `/usage?from=${day}&to=${day}`, '/bills']) {
    await page.goto(path);
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
