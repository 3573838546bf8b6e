import { expect, test } from './fixtures-test';
import { topUp } from './fixtures-billing';
import { newCustomer } from './fixtures-auth';

test('top-up: field-level messages, a declined card, then a top-up in the ledger', async ({ page }) => {
  await newCustomer(page, { name: 'Balance Bakery' });
  await page.goto('/balance');
  await expect(page.getByTestId('ledger-table')).toContainText('No ledger entries yet. Top up');

  await page.getByLabel(/^Amount/).fill('12.345');
  await page.getByLabel('Card number').fill('1234');
  await page.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByText('Amount must be a number with at most 2 decimals, like 25 or 19.90.')).toBeVisible();
  await expect(page.getByText('Card number must be 12 to 19 digits, like 4242 4242 4242 4242.')).toBeVisible();

  await page.getByLabel(/^Amount/).fill('20');
  await page.getByLabel('Card number').fill('4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByText('The card was declined (simulated processor). Use another card.')).toBeVisible();
  await expect(page.getByTestId('balance')).toHaveText('$0.00');

  await topUp(page, '25.50');
  await expect(page.getByTestId('balance')).toHaveText('$25.50');
  const row = page.getByTestId('ledger-table').getByRole('row').filter({ hasText: 'Top-up by card •••• 4242' });
  await expect(row).toContainText('+$25.50');
  await expect(row).toContainText('$25.50');
});

test('the ledger filters and its CSV export apply the same filters', async ({ page }) => {
  await newCustomer(page, { name: 'Export, "Quoted" Ltd' });
  await topUp(page, '10');
  await topUp(page, '32.10', '5555 5555 5555 4444');
  await page.goto('/balance?q=4444');
  await expect(page.getByTestId('ledger-table').getByRole('row')).toHaveCount(2); // header + one entry
  await expect(page.getByText('1 entry match the filters')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('ledger-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ledger-export-quoted-ltd-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('id,time,kind,description,reference,amount,currency,balance_after');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^\d+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00,top_up,Top-up by card •••• 4444,card-4444,32\.1,USD,42\.1$/);

  // A bad filter is explained, not silently ignored.
  await page.goto('/balance?from=2024-13-01');
  await expect(page.getByText('From must be a date like 2024-10-08.')).toBeVisible();
});
