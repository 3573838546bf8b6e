import { expect, test } from './fixtures-test';
import { DEMO, confirmDialog } from './fixtures';
import { createApplication, topUp } from './fixtures-billing';
import { newCustomer, signInAs } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

// Issue 14 item 8: frictions found when the console was tried as a new user would.

test('a NUL in a search is a field error, not a 500; a page past the last says so and links to it', async ({ page }) => {
  await signInAs(page, 'customer');
  const res = await page.goto('/balance?q=%00');
  expect(res?.status()).toBe(200);
  await expect(page.getByText('Search must not contain control characters.')).toBeVisible();

  await page.goto('/balance?page=999');
  const past = page.getByTestId('page-past-end');
  await expect(past).toContainText(/There is no page 999: \d+ rows fit on \d+ pages\./);
  await expect(page.getByText('Page 999 of')).toHaveCount(0);
  await past.getByRole('link').click();
  await expect(page.getByTestId('ledger-table').getByRole('navigation', { name: 'Pagination' })).toContainText(/Page (\d+) of \1/);
  await keepScreenshot(page, { path: 'test-results/frictions-ledger-last-page.png', fullPage: true });
});

test('buying: never a plan marked not available pre-selected; unavailable plans say why; buying asks first and Cancel buys nothing', async ({ page }) => {
  await newCustomer(page, { name: 'Careful Buyer Ltd' });
  const app = await createApplication(page, 'Careful App');
  await topUp(page, '20');
  await page.goto(`/packages/buy?app=${app.id}`);
  // $20 pays the Starter ($9.90) but not Lite: the first plan that can be bought is chosen.
  await expect(page.getByRole('radio', { name: 'RTC-Engine Starter', exact: true })).toBeChecked();
  await expect(page.locator('label').filter({ hasText: 'RTC-Engine Lite' }).getByTestId('offer-unavailable')).toContainText('Not available: The balance ($20.00) cannot pay $49.50');
  await page.getByRole('radio', { name: 'RTC-Engine Lite', exact: true }).check();
  await expect(page.getByRole('button', { name: /^Buy/ })).toBeDisabled();

  await page.getByRole('radio', { name: 'RTC-Engine Starter', exact: true }).check();
  await page.getByRole('button', { name: /^Buy and pay \$9\.90/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Buy RTC-Engine Starter?' });
  await expect(dialog).toContainText('For Careful App');
  await expect(dialog).toContainText('$9.90 is paid from your balance ($20.00) at once.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await keepScreenshot(page, { path: 'test-results/frictions-buy-confirm.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: /^Buy and pay/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/packages\/buy/);
  await page.goto('/balance');
  await expect(page.getByTestId('balance')).toHaveText('$20.00');

  await page.goto(`/packages/buy?app=${app.id}`);
  await page.getByRole('button', { name: /^Buy and pay \$9\.90/ }).click();
  await confirmDialog(page);
  await expect(page).toHaveURL(/\/packages\?bought=/);
  await page.goto('/balance');
  await expect(page.getByTestId('balance')).toHaveText('$10.10');
});

test('disabling an application asks first and says what stops', async ({ page }) => {
  await newCustomer(page, { name: 'Disabler Ltd' });
  const app = await createApplication(page, 'Stoppable App');
  await page.goto(`/applications/${app.sdkAppId}`);
  await page.getByRole('button', { name: 'Disable application' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable this application?' });
  await expect(dialog).toContainText('the usage API refuses its records');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Disable application' })).toBeVisible();
  await page.getByRole('button', { name: 'Disable application' }).click();
  await confirmDialog(page);
  await expect(page.getByRole('button', { name: 'Enable application' })).toBeVisible();
});

test('the audit page shows money and status changes with their cause, filtered by account email', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/audit');
  await page.getByLabel('Account name or email').fill(DEMO.customer.email);
  await page.getByLabel('Kind of change').selectOption('ledger');
  await page.getByRole('button', { name: 'Filter' }).click();
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('ledger.daily_charge');
  await expect(table).toContainText('Pay-as-you-go usage');
  await expect(table).not.toContainText('application.free_exhausted');
});

test('on a 390 px phone the navigation hides behind a Menu button', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInAs(page, 'customer');
  await page.goto('/overview');
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  // The page's own heading is on the first screen.
  const heading = page.getByRole('heading', { level: 1 });
  expect((await heading.boundingBox())!.y).toBeLessThan(400);
  await keepScreenshot(page, { path: 'test-results/frictions-390-closed.png' });
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await keepScreenshot(page, { path: 'test-results/frictions-390-open.png' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bills' }).click();
  await expect(page).toHaveURL(/\/bills/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await context.close();
});
