import { expect, test } from './fixtures-test';
import { eq } from 'drizzle-orm';
import { applications } from '../db/schema';
import { e2eDb, confirmDialog } from './fixtures';
import { createApplication } from './fixtures-billing';
import { newCustomer } from './fixtures-auth';

test('create an application: SDKAppID and a secret key shown once; rename, disable, enable, delete', async ({ page }) => {
  await newCustomer(page, { name: 'Apps Studio' });
  await page.goto('/applications');
  await expect(page.getByText('No applications yet')).toBeVisible();

  await page.getByRole('button', { name: 'Create application' }).click();
  await expect(page.getByText('Name must be at least 2 characters')).toBeVisible();

  const app = await createApplication(page, 'Town Hall');
  expect(app.sdkAppId).toBeGreaterThan(1_400_000_000);
  await expect(page.getByText('Copy the secret key now: it is shown only this once.')).toBeVisible();
  const { db } = e2eDb();
  const [row] = await db.select().from(applications).where(eq(applications.id, app.id));
  expect(row!.secretKeyHash).not.toContain(app.secretKey);

  // Once: the key is gone after a reload; only its last four characters remain.
  await page.reload();
  await expect(page.getByTestId('secret-key')).toHaveCount(0);
  await expect(page.getByTestId('applications-table')).toContainText('Town Hall');
  await expect(page.getByTestId('applications-table')).toContainText('RTC-Engine Free');

  await page.goto(`/applications/${app.sdkAppId}`);
  await expect(page.getByText(`•••• ${app.secretKey.slice(-4)}`)).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Town Hall Live');
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByText('Renamed to Town Hall Live.')).toBeVisible();

  await page.getByRole('button', { name: 'Disable application' }).click();
  await confirmDialog(page);
  await expect(page.getByText('Disabled: the usage API refuses its records')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enable application' })).toBeVisible();
  await page.getByRole('button', { name: 'Enable application' }).click();
  await expect(page.getByRole('button', { name: 'Disable application' })).toBeVisible();

  await page.getByLabel('Type "Town Hall Live" to confirm').fill('town hall');
  await page.getByRole('button', { name: 'Delete application' }).click();
  await expect(page.getByText('Type the application name exactly ("Town Hall Live") to confirm.')).toBeVisible();
  await page.getByLabel('Type "Town Hall Live" to confirm').fill('Town Hall Live');
  await page.getByRole('button', { name: 'Delete application' }).click();
  await expect(page).toHaveURL(/\/applications\?deleted=/);
  await expect(page.getByText(`Application ${app.sdkAppId} was deleted`)).toBeVisible();
  expect(await db.select().from(applications).where(eq(applications.id, app.id))).toHaveLength(0);
});

test("another account's application id is refused like a missing one when buying", async ({ page, browser }) => {
  await newCustomer(page, { name: 'Owner Co' });
  const mine = await createApplication(page, 'Owned App');

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await newCustomer(other, { name: 'Intruder Co' });
  await createApplication(other, 'Intruder App');
  // The buy page only offers the intruder's own applications, even when given another's id.
  await other.goto(`/packages/buy?app=${mine.id}`);
  await expect(other.getByLabel('Application', { exact: true })).not.toContainText('Owned App');
  // Forging the form field answers "not found", exactly like a made-up id.
  await other.locator('select[name="applicationId"]').evaluate((el, id) => {
    const opt = document.createElement('option');
    opt.value = id;
    opt.textContent = 'forged';
    el.appendChild(opt);
    (el as HTMLSelectElement).value = id;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, mine.id);
  await expect(other.getByLabel('Application', { exact: true })).toHaveValue(mine.id);
  await other.getByRole('radio', { name: 'Call Free Trial (7 days)' }).check();
  await other.getByRole('button', { name: /^Buy/ }).click();
  await confirmDialog(other);
  await expect(other.getByText('Application not found: choose one of your applications.')).toBeVisible();
  await ctx.close();
});
