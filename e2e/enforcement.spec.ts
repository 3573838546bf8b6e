import { expect, test } from './fixtures-test';
import { eq } from 'drizzle-orm';
import { applications, usageRecords } from '../db/schema';
import { localDate } from '../lib/time/local-date';
import { signedUsageHeaders } from '../lib/usage/signature';
import { e2eDb, signIn, signOut } from './fixtures';
import { accountIdOf, accountState, advanceBy, advanceTo, balanceOf, clockOf, createAppDirect, topUpThroughPage } from './fixtures-dev';
import { newCustomer } from './fixtures-auth';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test.describe.configure({ timeout: 300_000 });

test('settlement, overdue, suspension after 24 h, top-up, lapse, reclamation after 60 days — on a test clock, another account untouched', async ({ page, browser }) => {
  // A bystander account with usage today (real time), no clock.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const bystander = await newCustomer(otherPage, { name: 'Bystander Ltd' });
  const bystanderId = await accountIdOf(bystander.email);
  await createAppDirect(bystanderId, { name: 'Bystander App' });
  await other.close();
  const bystanderBefore = await accountState(bystanderId);

  const me = await newCustomer(page, { name: 'Walk Customer' });
  const accountId = await accountIdOf(me.email);
  // On a paid edition (as if its package minutes were used up), usage past the free minutes
  // is pay-as-you-go; a Free-edition application would instead stop (lifecycle.md, Packages).
  const app = await createAppDirect(accountId, { name: 'Walk App', edition: 'lite' });
  await topUpThroughPage(page, '1');

  // Developer tools: attach a clock at the next local midnight and generate usage then.
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('midnight');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByTestId('clock-time')).toHaveText(/ 00:00$/);
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  const day1 = await clockOf(accountId);
  await page.getByLabel('Rooms (sessions)').fill('150');
  await page.getByLabel('Within the next (minutes)').fill('60');
  await page.getByRole('button', { name: 'Generate usage' }).click();
  await expect(page.getByText(/usage records for/)).toBeVisible();

  // +1 day: the day is settled at 00:00 of the next day, the balance goes negative.
  await advanceBy(page, '+1 day');
  await expect(page.getByTestId('advance-ran')).toContainText('Bill B');
  await expect(page.getByTestId('dev-status')).toHaveText(/Overdue/);
  expect((await balanceOf(accountId)).isNegative()).toBe(true);
  await page.goto('/bills');
  await expect(page.getByText(localDate(day1)).first()).toBeVisible();
  await expect(page.getByTestId('status-banner')).toContainText('Your account is overdue');

  // +23 hours: still within the 24-hour grace (overdue, serving).
  await advanceTo(page, new Date(day1.getTime() + DAY + 23 * HOUR));
  await expect(page.getByTestId('dev-status')).toHaveText(/Overdue/);

  // +2 hours: suspended for arrears, usage refused.
  await advanceTo(page, new Date(day1.getTime() + DAY + 25 * HOUR));
  await expect(page.getByTestId('dev-status')).toHaveText(/Suspended · arrears/);
  await page.getByRole('button', { name: 'Generate usage' }).click();
  await expect(page.getByText(/^The account is suspended for arrears; the usage API refuses/)).toBeVisible();
  const body = JSON.stringify([{ type: 'media', app: app.sdkAppId, user: 'u', start: new Date(day1.getTime() + 2 * DAY).toISOString(), seconds: 60, receive: [] }]);
  const refused = await page.request.post('/api/v1/usage', { data: body, headers: { 'content-type': 'application/json', ...signedUsageHeaders({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, body, idempotencyKey: 'walk-refused' }) } });
  expect(refused.status()).toBe(403);
  await page.goto('/overview');
  await expect(page.getByTestId('status-banner')).toContainText('suspended for arrears');

  // Top up to exactly zero: active again at once.
  const owed = (await balanceOf(accountId)).neg().toFixed(2);
  await topUpThroughPage(page, owed);
  await page.goto('/dev');
  await expect(page.getByTestId('dev-status')).toHaveText(/Active/);

  // Let it lapse again: more usage, settled at the next midnight → overdue → suspended 24 h later.
  await page.getByLabel('Rooms (sessions)').fill('50');
  await page.getByRole('button', { name: 'Generate usage' }).click();
  await expect(page.getByText(/usage records for/)).toBeVisible();
  const day3 = new Date(day1.getTime() + 2 * DAY);
  await advanceTo(page, new Date(day3.getTime() + 2 * DAY + HOUR));
  await expect(page.getByTestId('dev-status')).toHaveText(/Suspended · arrears/);
  await expect(page.getByTestId('dev-reclaim-warning')).toContainText('deleted for good');

  // 61 days later: reclaimed. Applications and usage are gone; bills remain.
  await advanceTo(page, new Date(day3.getTime() + 2 * DAY + HOUR + 61 * DAY));
  await expect(page.getByTestId('dev-status')).toHaveText(/Reclaimed/);
  await expect(page.getByTestId('dev-reclaimed')).toBeVisible();
  const { db } = e2eDb();
  expect(await db.select().from(applications).where(eq(applications.accountId, accountId))).toHaveLength(0);
  expect(await db.select().from(usageRecords).where(eq(usageRecords.accountId, accountId))).toHaveLength(0);
  await page.goto('/bills');
  await expect(page.getByTestId('status-banner')).toContainText('reclaimed');
  await expect(page.getByText(localDate(day1)).first()).toBeVisible();
  await expect(page.getByText(localDate(day3)).first()).toBeVisible();

  // The bystander is exactly as it was.
  expect(await accountState(bystanderId)).toEqual(bystanderBefore);
  await signOut(page);
  await signIn(page, bystander.email, bystander.password);
  await page.goto('/overview');
  await expect(page.getByTestId('status-banner')).toHaveCount(0);
});
