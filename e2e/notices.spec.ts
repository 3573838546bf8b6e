import { expect, test } from './fixtures-test';
import { topUp } from './fixtures-billing';
import { newCustomer } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

/** The message center (lifecycle.md, Notices; issue 10 item 3): unread badge, filters, mark read, links. */
test('message center: a balance alert notice, unread badge on every page, filters, mark one and all read; another customer sees none', async ({ page, browser }) => {
  await newCustomer(page, { name: 'Notice Reader' });
  await page.goto('/notices');
  await expect(page.getByRole('heading', { name: 'No notices yet' })).toBeVisible();
  await expect(page.getByTestId('unread-count')).toHaveCount(0);

  await topUp(page, '100');
  // Threshold above the balance: the alert starts at once (balance already below).
  await page.getByLabel('Alert below (USD)').fill('150.5');
  await page.getByRole('button', { name: 'Save alert' }).click();
  await expect(page.getByTestId('balance-alert-form').getByRole('status')).toContainText('below $150.50 (it is below now)');
  await expect(page.getByTestId('unread-count')).toHaveText('1');
  await page.goto('/bills');
  await expect(page.getByTestId('unread-count')).toHaveText('1');

  // Bad input names the field and changes nothing.
  await page.goto('/balance');
  await page.getByLabel('Alert below (USD)').fill('12.345');
  await page.getByRole('button', { name: 'Save alert' }).click();
  await expect(page.getByText('Expected an amount with at most 2 decimals')).toBeVisible();

  // Off, then on again: a second episode, a second notice.
  await page.getByLabel('Alert below (USD)').fill('');
  await page.getByRole('button', { name: 'Save alert' }).click();
  await expect(page.getByTestId('balance-alert-form').getByRole('status')).toContainText('Balance alert turned off.');
  await page.getByLabel('Alert below (USD)').fill('200');
  await page.getByRole('button', { name: 'Save alert' }).click();
  await expect(page.getByTestId('balance-alert-form').getByRole('status')).toContainText('below $200.00');
  await expect(page.getByTestId('unread-count')).toHaveText('2');

  await page.getByTestId('notices-bell').click();
  await expect(page).toHaveURL(/\/notices$/);
  const list = page.getByTestId('notice-list');
  await expect(list.getByTestId('notice')).toHaveCount(2);
  // Newest first.
  await expect(list.getByTestId('notice').first()).toContainText('Your balance is below $200.00');
  await expect(list.getByTestId('notice').first()).toContainText('Your balance is $100.00');

  // Filter by kind: bills has none; balance has both.
  await page.getByRole('navigation', { name: 'Kind' }).getByRole('link', { name: 'Bills' }).click();
  await expect(page.getByRole('heading', { name: 'No notices match these filters' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Kind' }).getByRole('link', { name: 'Balance' }).click();
  await expect(list.getByTestId('notice')).toHaveCount(2);

  // Mark one read: badge 1, unread filter shows one.
  await list.getByTestId('notice').first().getByRole('button', { name: 'Mark read' }).click();
  await expect(page.getByTestId('unread-count')).toHaveText('1');
  await page.getByRole('navigation', { name: 'Read state' }).getByRole('link', { name: /^Unread/ }).click();
  await expect(list.getByTestId('notice')).toHaveCount(1);
  await expect(list.getByTestId('notice')).toContainText('Your balance is below $150.50');
  await page.getByRole('navigation', { name: 'Read state' }).getByRole('link', { name: 'Read', exact: true }).click();
  await expect(list.getByTestId('notice')).toHaveCount(1);
  await expect(list.getByTestId('notice')).toContainText('Your balance is below $200.00');

  // Mark all read: no badge; the notice links to the balance page.
  await page.getByRole('navigation', { name: 'Read state' }).getByRole('link', { name: 'All', exact: true }).click();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByTestId('mark-all-read').getByRole('status')).toContainText('1 notice marked read.');
  await expect(page.getByTestId('unread-count')).toHaveCount(0);
  await keepScreenshot(page, { path: 'test-results/notices-message-center.png', fullPage: true });
  await list.getByRole('link', { name: 'Your balance is below $200.00' }).click();
  await expect(page).toHaveURL(/\/balance$/);

  // Another customer: an empty message center.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await newCustomer(otherPage, { name: 'Someone Else' });
  await otherPage.goto('/notices');
  await expect(otherPage.getByRole('heading', { name: 'No notices yet' })).toBeVisible();
  await keepScreenshot(otherPage, { path: 'test-results/notices-empty.png', fullPage: true });
  await other.close();
});
