import { expect, test, type Page } from './fixtures-test';
import { and, eq } from 'drizzle-orm';
import { applications, packages, usageRecords } from '../db/schema';
import { localDate } from '../lib/time/local-date';
import { toOffsetIso } from '../lib/time/format';
import { e2eDb, confirmDialog } from './fixtures';
import { accountIdOf, clockOf, topUpThroughPage } from './fixtures-dev';
import { advanceClock } from './fixtures-books';
import { newCustomer } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

const DAY = 86_400_000;
test.describe.configure({ timeout: 300_000 });

/** A customer on a test clock with an application and RTC-Engine Lite (50,000 minutes, 49.50 USD) bought on the clock's first day. */
async function customerWithLite(page: Page, name: string, topUp: string, autoRenew: boolean) {
  const me = await newCustomer(page, { name });
  const accountId = await accountIdOf(me.email);
  await topUpThroughPage(page, topUp);
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('midnight');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByTestId('clock-time')).toHaveText(/ 00:00$/);
  const start = await clockOf(accountId);
  await page.goto('/applications');
  await page.getByLabel('Application name').fill(`${name} App`);
  await page.getByRole('button', { name: 'Create application' }).click();
  await expect(page.getByText(`${name} App`).first()).toBeVisible();
  await page.goto('/packages/buy');
  await page.getByRole('radio', { name: /RTC-Engine Lite/ }).check();
  if (autoRenew) await page.getByText('Renew automatically').click();
  await page.getByRole('button', { name: /^Buy and pay/ }).click();
  await confirmDialog(page);
  await expect(page.getByTestId('purchase-banner')).toBeVisible();
  const { db } = e2eDb();
  const [pkg] = await db.select().from(packages).where(and(eq(packages.accountId, accountId), eq(packages.status, 'active')));
  const [app] = await db.select().from(applications).where(eq(applications.accountId, accountId));
  const expiry = new Date(new Date(`${pkg!.validTo}T00:00:00+08:00`).getTime() + DAY);
  return { accountId, start, expiry, app: app! };
}

/** Audio-only usage of `minutes` on the day of `at`, straight into the store (the usage API has its own specs). */
async function audioUsage(accountId: string, sdkAppId: number, at: Date, minutes: number) {
  const { db } = e2eDb();
  const rows = [];
  for (let left = minutes, i = 0; left > 0; i++) {
    const m = Math.min(left, 600);
    left -= m;
    const start = new Date(at.getTime() + 60_000);
    const record = { type: 'media', app: sdkAppId, user: `u${i}`, start: toOffsetIso(start), seconds: m * 60, receive: [{ stream: 's0', audio: true }] };
    rows.push({ accountId, sdkAppId, type: 'media', start, localDay: localDate(start), seconds: m * 60, record, receivedAt: new Date() });
  }
  await db.insert(usageRecords).values(rows);
}

/**
 * The account's test clock to `instant` through the developer API: the same advance as the /dev
 * page's form (lib/dev-tools/advance.ts), without loading that page each time (issue 15; the
 * form has its own specs: clock, enforcement, renewal).
 */
async function advanceTo(page: Page, accountId: string, instant: Date) {
  await advanceClock(page, accountId, toOffsetIso(instant));
}

async function messageTitles(page: Page): Promise<string[]> {
  await page.goto('/notices?kind=package');
  return page.getByTestId('notice').getByRole('link').allTextContents();
}

test('package notices: 80 %, 95 %, used up, then 7 and 1 days before expiry with auto-renewal off — in the message center', async ({ page }) => {
  const c = await customerWithLite(page, 'Levels', '100', false);
  // 10,000 free minutes first, then 40,000 of the package's 50,000: 80 %.
  await audioUsage(c.accountId, c.app.sdkAppId, c.start, 50_000);
  await advanceTo(page, c.accountId, new Date(c.start.getTime() + DAY + 60_000));
  expect(await messageTitles(page)).toEqual(['RTC-Engine Lite is 80 % used']);
  await expect(page.getByTestId('notice').first()).toContainText(`as of ${localDate(new Date(c.start.getTime() + DAY))} 00:00 (UTC+8)`);
  await audioUsage(c.accountId, c.app.sdkAppId, new Date(c.start.getTime() + DAY), 7_500);
  await advanceTo(page, c.accountId, new Date(c.start.getTime() + 2 * DAY + 60_000));
  await audioUsage(c.accountId, c.app.sdkAppId, new Date(c.start.getTime() + 2 * DAY), 2_500);
  await advanceTo(page, c.accountId, new Date(c.start.getTime() + 3 * DAY + 60_000));
  expect(await messageTitles(page)).toEqual(['RTC-Engine Lite is used up', 'RTC-Engine Lite is 95 % used', 'RTC-Engine Lite is 80 % used']);

  await advanceTo(page, c.accountId, new Date(c.expiry.getTime() - 7 * DAY + 60_000));
  expect((await messageTitles(page))[0]).toBe('RTC-Engine Lite expires in 7 days');
  await advanceTo(page, c.accountId, new Date(c.expiry.getTime() - 60_000));
  const titles = await messageTitles(page);
  expect(titles.slice(0, 2)).toEqual(['RTC-Engine Lite expires in 1 day', 'RTC-Engine Lite expires in 7 days']);
  expect(titles.filter((t) => t.includes('3 days'))).toEqual([]);
  await expect(page.getByTestId('notice').first()).toContainText('auto-renewal is off');
  await keepScreenshot(page, { path: 'test-results/package-notices.png', fullPage: true });
});

test('auto-renewal on: enough balance, no expiry notice; too little balance, the 3-day and 1-day top-up notices', async ({ page, browser }) => {
  const rich = await customerWithLite(page, 'Rich', '200', true);
  await advanceTo(page, rich.accountId, new Date(rich.expiry.getTime() - 60_000));
  expect((await messageTitles(page)).filter((t) => t.includes('expires'))).toEqual([]);

  const ctx = await browser.newContext();
  const poorPage = await ctx.newPage();
  const poor = await customerWithLite(poorPage, 'Poor', '60', true); // 10.50 left after buying: below the 49.50 renewal
  await advanceTo(poorPage, poor.accountId, new Date(poor.expiry.getTime() - 60_000));
  const titles = (await messageTitles(poorPage)).filter((t) => t.includes('expires'));
  expect(titles).toEqual(['RTC-Engine Lite expires in 1 day', 'RTC-Engine Lite expires in 3 days']);
  await expect(poorPage.getByTestId('notice').first()).toContainText('your balance is $10.50');
  await poorPage.getByTestId('notice').first().getByRole('link').click();
  await expect(poorPage).toHaveURL(/\/balance$/);
  await ctx.close();
});
