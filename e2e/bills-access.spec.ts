import { expect, test } from './fixtures-test';
import { accountIdOf, advanceBy, clockOf, createAppDirect } from './fixtures-dev';
import { mediaRecord, sendUsage } from './fixtures-usage';
import { newCustomer } from './fixtures-auth';

test.describe.configure({ timeout: 240_000 });

test("another account's bill answers 404 like a missing one, on the page and the CSV", async ({ page, browser }) => {
  const owner = await newCustomer(page, { name: 'Bill Owner Ltd' });
  const accountId = await accountIdOf(owner.email);
  const app = await createAppDirect(accountId, { name: 'Owner App', edition: 'lite' });
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('midnight');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  const day1 = await clockOf(accountId);
  expect((await sendUsage(page.request, app, JSON.stringify([mediaRecord(app.sdkAppId, new Date(day1.getTime() + 3_600_000), 3_600, [1920, 1080])]))).status).toBe(201);
  await advanceBy(page, '+1 day');
  await page.goto('/bills');
  await page.getByTestId('bills-table').getByRole('link', { name: /^B\d+$/ }).first().click();
  await expect(page.getByRole('heading', { name: /^Bill B/ })).toBeVisible();
  const billUrl = new URL(page.url()).pathname;
  const csv = await page.request.get(`${billUrl}/csv`);
  expect(csv.status()).toBe(200);

  const ctx = await browser.newContext();
  const intruder = await ctx.newPage();
  await newCustomer(intruder, { name: 'Curious Ltd' });
  const res = await intruder.goto(billUrl);
  expect(res?.status()).toBe(404);
  await expect(intruder.getByRole('heading', { name: 'Not found' })).toBeVisible();
  const missing = await intruder.goto('/bills/00000000-0000-4000-8000-000000000000');
  expect(missing?.status()).toBe(404);
  expect((await intruder.request.get(`${billUrl}/csv`)).status()).toBe(404);
  expect((await intruder.request.get('/bills/not-a-uuid/csv')).status()).toBe(404);
  await ctx.close();
});
