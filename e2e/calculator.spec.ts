import { expect, test } from './fixtures-test';
import { newCustomer } from './fixtures-auth';

test('price calculator: pay-as-you-go against each package edition, the cheapest highlighted; errors and pending', async ({ page }) => {
  await newCustomer(page, { name: 'Calculator Ltd' });
  await page.goto('/calculator');
  await page.getByRole('button', { name: 'Compare prices' }).click();
  await expect(page.getByTestId('calculator-form').getByRole('alert')).toContainText('Enter the minutes of at least one item');

  await page.getByLabel(/^Video duration, HD/).fill('abc');
  await page.getByRole('button', { name: 'Compare prices' }).click();
  await expect(page.locator('[id="q:hd-error"]')).toHaveText('Enter a number of at most 12 digits and 3 decimals, like 60000.');
  await expect(page.getByTestId('calculator-form').getByText('Check the highlighted quantities.')).toBeVisible();

  await page.getByLabel(/^Video duration, HD/).fill('60000');
  await page.getByRole('button', { name: 'Compare prices' }).click();
  await expect(page.getByTestId('cheapest')).toContainText('RTC-Engine Starter: $199.43');
  await expect(page.getByTestId('cheapest')).toContainText('Saves $39.97');
  const payg = page.locator('[data-testid=calculator-options] tr[data-option="payg"]');
  await expect(payg).toContainText('$239.40');
  await expect(page.locator('[data-testid=calculator-options] tr[data-cheapest]')).toHaveAttribute('data-option', 'rtc-engine.starter');

  // No usage last month: a clear message.
  await page.getByRole('button', { name: "Start from last month's usage" }).click();
  await expect(page.getByTestId('calculator-form').getByRole('alert')).toContainText('No usage in');

  // Another price book: CNY universal packages.
  await page.getByLabel('Price book').selectOption('trtc-2022-cny');
  await page.getByLabel(/^Video duration, HD/).fill('100000');
  await page.getByRole('button', { name: 'Compare prices' }).click();
  await expect(page.locator('[data-testid=calculator-options] tr[data-option="universal.25k"]')).toBeVisible();
});
