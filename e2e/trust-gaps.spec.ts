import { expect, test } from './fixtures-test';
import { eq } from 'drizzle-orm';
import { accounts, auditLog, ledgerEntries, packages } from '../db/schema';
import { postLedgerEntry } from '../lib/ledger/service';
import { Decimal } from '../lib/money/decimal';
import { e2eDb, confirmDialog } from './fixtures';
import { accountIdOf, clockOf, localInput } from './fixtures-dev';
import { createApplication, topUp } from './fixtures-billing';
import { newCustomer } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

// Issue 13, items 9, 11 and 12, as a user meets them.

test('a purchase form replayed with another application is refused with a clear message; nothing more is bought', async ({ page }) => {
  const customer = await newCustomer(page, { name: 'Replay Buyer Ltd' });
  await topUp(page, '200');
  const first = await createApplication(page, 'First App');
  const second = await createApplication(page, 'Second App');

  await page.goto(`/packages/buy?app=${first.id}`);
  const key = await page.locator('input[name="idempotencyKey"]').inputValue();
  await page.getByRole('radio', { name: 'RTC-Engine Lite', exact: true }).check();
  await page.getByRole('button', { name: /^Buy/ }).click();
  await confirmDialog(page);
  await expect(page).toHaveURL(/\/packages\?bought=/);

  // The same form submitted again (a stale tab, a replayed request) but for the other application.
  await page.goto(`/packages/buy?app=${second.id}`);
  await page.getByRole('radio', { name: 'RTC-Engine Lite', exact: true }).check();
  await page.locator('input[name="idempotencyKey"]').evaluate((el, k) => ((el as HTMLInputElement).value = k), key);
  await page.getByRole('button', { name: /^Buy/ }).click();
  await confirmDialog(page);
  await expect(page.getByTestId('purchase-form').getByRole('alert')).toContainText('This purchase was already submitted on');
  await expect(page.getByTestId('purchase-form').getByRole('alert')).toContainText('with a different application; a repeated submission must be identical, so nothing was changed.');
  await keepScreenshot(page, { path: 'test-results/gaps-idempotency-refused.png', fullPage: true });

  const { db } = e2eDb();
  const accountId = await accountIdOf(customer.email);
  expect(await db.select().from(packages).where(eq(packages.accountId, accountId))).toHaveLength(1);
  await page.goto('/balance');
  await expect(page.getByTestId('balance')).toHaveText('$150.50');
});

test('a reclaimed account can pay its debt, is told what reclamation removed, and more is refused', async ({ page }) => {
  const customer = await newCustomer(page, { name: 'Reclaimed Payer Co' });
  const accountId = await accountIdOf(customer.email);
  const { db } = e2eDb();
  // The state reclamation leaves (lib/enforcement reclaimAccount): a debt, the status, its audit row.
  await db.transaction((tx) => postLedgerEntry(tx, { accountId, kind: 'daily_charge', amount: new Decimal('-12.30'), description: { key: 'note', params: { text: 'Daily bill' } }, idempotencyKey: 'e2e-debt', at: new Date() }));
  const reclaimedAt = new Date();
  await db.update(accounts).set({ status: 'reclaimed', suspensionReason: null, reclaimedAt }).where(eq(accounts.id, accountId));
  await db.insert(auditLog).values({ accountId, actorRole: 'system', action: 'account.reclaimed', targetType: 'account', targetId: accountId, details: { applications: [1400009999], usageRecords: 3, packages: 1 }, at: reclaimedAt });

  await page.goto('/balance');
  await expect(page.getByTestId('reclaimed-removed')).toContainText('1 application (SDKAppID 1400009999) with their keys and configuration, 3 usage records and 1 package were deleted for good');
  await expect(page.getByTestId('reclaimed-debt')).toHaveText('You can pay the debt of $12.30; more than that is refused.');

  await page.getByLabel(/^Amount/).fill('100');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByTestId('top-up-form').getByRole('alert').first()).toContainText('Only the debt can be paid: top up at most $12.30 to bring the balance to zero.');
  await keepScreenshot(page, { path: 'test-results/gaps-reclaimed-refused.png', fullPage: true });
  await expect(page.getByTestId('balance')).toHaveText('-$12.30');

  await page.getByLabel(/^Amount/).fill('12.30');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Top up' }).click();
  // Paid: the page re-renders without the form (no debt left).
  await expect(page.getByTestId('reclaimed-no-debt')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('balance')).toHaveText('$0.00');
  await expect(page.getByTestId('reclaimed-no-debt')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Top up' })).toHaveCount(0);
  await keepScreenshot(page, { path: 'test-results/gaps-reclaimed-paid.png', fullPage: true });
  const tops = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId));
  expect(tops.filter((e) => e.kind === 'top_up').map((e) => e.amount.toFixed())).toEqual(['12.3']);
});

test('detaching a clock ahead of real time and attaching again never moves the account back', async ({ page }) => {
  const customer = await newCustomer(page, { name: 'Clock Return Ltd' });
  const accountId = await accountIdOf(customer.email);
  const start = new Date(Date.now() + 40 * 86_400_000);
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('custom');
  await page.getByLabel('Date and time (UTC+8)').fill(localInput(start));
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: '+1 day' }).click();
  await expect(page.getByText(/^Clock at /)).toBeVisible({ timeout: 60_000 });
  const clockDay = await clockOf(accountId);

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Detach clock' }).click();
  await expect(page.getByRole('button', { name: 'Attach test clock' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('clock-time')).toHaveText(localInput(clockDay).replace('T', ' '));
  await expect(page.getByText('Account time (UTC+8)')).toBeVisible();
  await expect(page.getByText("held at the last clock's time until real time passes it")).toBeVisible();
  await keepScreenshot(page, { path: 'test-results/gaps-clock-held.png', fullPage: true });

  // Attaching again "now" starts at the account's time, not the real day.
  await page.getByLabel('Start the clock at').selectOption('now');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  expect((await clockOf(accountId)).toISOString()).toBe(clockDay.toISOString());

  // And a start before it is refused, saying why.
  page.once('dialog', (d) => d.accept());
  await page.reload();
  await page.getByRole('button', { name: 'Detach clock' }).click();
  await expect(page.getByRole('button', { name: 'Attach test clock' })).toBeVisible();
  await page.reload();
  await page.getByLabel('Start the clock at').selectOption('custom');
  await page.getByLabel('Date and time (UTC+8)').fill(localInput(new Date(Date.now() + 86_400_000)));
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('the account already lived until then, and its time never moves back').first()).toBeVisible();
});
