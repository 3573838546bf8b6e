import { expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { applications } from '../db/schema';
import { e2eDb, confirmDialog } from './fixtures';

/** Top up through the simulated payment form on /balance. */
export async function topUp(page: Page, amount: string, card = '4242 4242 4242 4242') {
  await page.goto('/balance');
  await page.getByLabel(/^Amount/).fill(amount);
  await page.getByLabel('Card number').fill(card);
  await page.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your balance is now' })).toBeVisible();
}

/** Create an application on /applications; returns its SDKAppID and the one-time secret key. */
export async function createApplication(page: Page, name: string) {
  await page.goto('/applications');
  await page.getByLabel('Application name').fill(name);
  await page.getByRole('button', { name: 'Create application' }).click();
  const box = page.getByTestId('secret-key-box');
  await expect(box).toBeVisible();
  const secretKey = (await page.getByTestId('secret-key').textContent())?.trim() ?? '';
  const { db } = e2eDb();
  const [app] = await db.select().from(applications).where(eq(applications.secretKeyHint, secretKey.slice(-4)));
  expect(app?.name).toBe(name);
  return { sdkAppId: app!.sdkAppId, id: app!.id, secretKey };
}

/** Buy a package on /packages/buy for an application; lands on /packages. */
export async function buyPackage(page: Page, options: { appId: string; packageName: string; autoRenew?: boolean }) {
  await page.goto(`/packages/buy?app=${options.appId}`);
  await page.getByRole('radio', { name: options.packageName, exact: true }).check();
  if (options.autoRenew) await page.getByRole('checkbox', { name: /Renew automatically/ }).check();
  await page.getByRole('button', { name: /^Buy/ }).click();
  await confirmDialog(page);
  await expect(page).toHaveURL(/\/packages\?bought=/);
  await expect(page.getByTestId('purchase-banner')).toBeVisible();
}
