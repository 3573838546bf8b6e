import { expect, test } from './fixtures-test';
import { buyPackage, createApplication, topUp } from './fixtures-billing';
import { newCustomer } from './fixtures-auth';

test('balance too low, queue, upgrade refused, auto-renewal switched', async ({ page }) => {
  await newCustomer(page, { name: 'Queue Corp' });
  const app = await createApplication(page, 'Queue App');

  // Nothing on the balance: refused with a clear message, nothing bought.
  await page.goto(`/packages/buy?app=${app.id}`);
  await page.getByRole('radio', { name: 'RTC-Engine Lite', exact: true }).check();
  await expect(page.getByTestId('purchase-summary')).toContainText('The balance ($0.00) cannot pay $49.50 for RTC-Engine Lite. Top up at least $49.50 and try again.');
  // What cannot be bought says why on its card, and "Buy and pay" is not offered (issue 14 item 8).
  await expect(page.getByRole('button', { name: /^Buy/ })).toBeDisabled();
  await expect(page.locator('label').filter({ hasText: 'RTC-Engine Lite' }).getByTestId('offer-unavailable')).toContainText('Not available: The balance ($0.00) cannot pay $49.50');

  await topUp(page, '600');
  await buyPackage(page, { appId: app.id, packageName: 'RTC-Engine Lite' });
  await expect(page.getByTestId('purchase-banner')).toContainText('Active from');
  await buyPackage(page, { appId: app.id, packageName: 'RTC-Engine Lite' });
  await expect(page.getByTestId('purchase-banner')).toContainText('It is queued');
  await expect(page.getByTestId('current-package').filter({ hasText: 'Queued' })).toContainText('Starts at');

  // Upgrade mid-term: refused with the reason.
  await page.goto(`/packages/buy?app=${app.id}`);
  await page.getByRole('radio', { name: 'RTC-Engine Standard', exact: true }).check();
  await expect(page.getByTestId('purchase-summary')).toContainText('Upgrading mid-term is not possible: this application is on RTC-Engine Lite');
  await expect(page.getByRole('button', { name: /^Buy/ })).toBeDisabled();

  // A third Lite: one package waits at a time.
  await page.getByRole('radio', { name: 'RTC-Engine Lite', exact: true }).check();
  await expect(page.getByTestId('purchase-summary')).toContainText(/queued behind it; one package can wait at a time/);
  await expect(page.getByRole('button', { name: /^Buy/ })).toBeDisabled();

  await page.goto('/packages');
  const active = page.getByTestId('current-package').filter({ hasText: 'Active' });
  await active.getByRole('button', { name: 'Turn on auto-renewal' }).click();
  await expect(page.getByText('Auto-renewal is on.')).toBeVisible();
  await expect(active.getByTestId('at-expiry')).toContainText('takes over from this package; auto-renewal is not charged while a package is queued');
  await page.goto('/balance');
  await expect(page.getByTestId('balance')).toHaveText('$501.00');
});
