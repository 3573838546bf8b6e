import { expect, test } from './fixtures-test';
import { and, eq } from 'drizzle-orm';
import { applications, ledgerEntries, notifications, packages } from '../db/schema';
import { e2eDb, confirmDialog } from './fixtures';
import { accountIdOf, advanceTo, clockOf, topUpThroughPage } from './fixtures-dev';
import { newCustomer } from './fixtures-auth';

const DAY = 86_400_000;
test.describe.configure({ timeout: 240_000 });

test('auto-renewal at expiry charges the ledger; with an empty balance it fails and the application is back on Free', async ({ page }) => {
  const me = await newCustomer(page, { name: 'Renewal Customer' });
  const accountId = await accountIdOf(me.email);
  await topUpThroughPage(page, '100');

  // Clock first, so the package's month is on the clock.
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('midnight');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByTestId('clock-time')).toHaveText(/ 00:00$/);
  const start = await clockOf(accountId);

  await page.goto('/applications');
  await page.getByLabel('Application name').fill('Renewing App');
  await page.getByRole('button', { name: 'Create application' }).click();
  await expect(page.getByText('Renewing App').first()).toBeVisible();

  await page.goto('/packages/buy');
  await page.getByRole('radio', { name: /RTC-Engine Lite/ }).check();
  await page.getByText('Renew automatically').click();
  await page.getByRole('button', { name: /^Buy and pay/ }).click();
  await confirmDialog(page);
  await expect(page.getByTestId('purchase-banner')).toBeVisible();

  const { db } = e2eDb();
  const [pkg] = await db.select().from(packages).where(and(eq(packages.accountId, accountId), eq(packages.status, 'active')));
  expect(pkg).toMatchObject({ autoRenew: true, edition: 'lite' });
  const expiry = new Date(new Date(`${pkg!.validTo}T00:00:00+08:00`).getTime() + DAY);

  // At expiry: renewed, the list price charged in the ledger.
  await advanceTo(page, new Date(expiry.getTime() + 60_000));
  await expect(page.getByTestId('timeline')).toContainText('Renewed (charged to the balance)');
  const renewals = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.kind, 'renewal')));
  expect(renewals.map((r) => [r.amount.toFixed(), r.at.toISOString()])).toEqual([['-49.5', expiry.toISOString()]]);
  await page.goto('/balance');
  await expect(page.getByText(/Auto-renewal/).first()).toBeVisible();

  // The next expiry: 1.00 left cannot pay 49.50 → renewal fails, back on Free.
  const [next] = await db.select().from(packages).where(and(eq(packages.accountId, accountId), eq(packages.status, 'active')));
  const expiry2 = new Date(new Date(`${next!.validTo}T00:00:00+08:00`).getTime() + DAY);
  await advanceTo(page, new Date(expiry2.getTime() + 60_000));
  await expect(page.getByTestId('timeline')).toContainText('Renewal failed');
  const [app] = await db.select().from(applications).where(eq(applications.accountId, accountId));
  expect(app!.edition).toBe('free');
  const notes = await db.select().from(notifications).where(and(eq(notifications.accountId, accountId), eq(notifications.kind, 'package.renewal_failed')));
  expect(notes).toHaveLength(1);
  expect(start.getTime()).toBeLessThan(expiry.getTime());
});
