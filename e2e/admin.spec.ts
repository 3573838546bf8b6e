import { expect, test } from './fixtures-test';
import { signIn, confirmDialog } from './fixtures';
import { newCustomer, signInAs } from './fixtures-auth';

test('admin: search an account, adjust its balance with a mandatory reason, suspend for a violation and lift it', async ({ page, browser }) => {
  const customerContext = await browser.newContext();
  const customerPage = await customerContext.newPage();
  const customer = await newCustomer(customerPage, { name: 'Admin Target Inc' });
  await signInAs(page, 'admin');
  await page.goto('/admin/accounts');
  await page.getByLabel('Search accounts').fill(customer.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Admin Target Inc' }).click();
  await expect(page.getByRole('heading', { name: 'Admin Target Inc' })).toBeVisible();

  const adjust = page.getByTestId('adjust-balance-form');
  await adjust.getByLabel(/^Amount/).fill('15');
  await adjust.getByRole('button', { name: 'Adjust balance' }).click();
  await confirmDialog(page);
  await expect(adjust.getByText('Reason is required.').or(adjust.getByText(/Reason must be at least 10 characters/))).toBeVisible();
  await adjust.getByLabel(/^Amount/).fill('15');
  await adjust.getByLabel('Reason').fill('Goodwill credit for the 10-minute outage');
  await adjust.getByRole('button', { name: 'Adjust balance' }).click();
  await confirmDialog(page);
  await expect(page.getByText('Balance adjusted; it is now $15.00.')).toBeVisible();
  await expect(page.getByTestId('admin-balance')).toHaveText('$15.00');
  await expect(page.getByTestId('ledger-table')).toContainText('Adjustment by an administrator: Goodwill credit for the 10-minute outage');

  await page.getByTestId('suspend-form').getByLabel('Violation').fill('Illegal content reported by a user');
  await page.getByRole('button', { name: 'Suspend for violation' }).click();
  await confirmDialog(page);
  await expect(page.getByText('Account suspended for a violation.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('status-history')).toContainText('active → suspended');
  await page.getByTestId('lift-form').getByLabel('Why it is lifted').fill('Content removed and reviewed');
  await page.getByRole('button', { name: 'Lift suspension' }).click();
  await confirmDialog(page);
  await expect(page.getByText('Suspension lifted; the account is active.')).toBeVisible();

  await page.goto('/admin/audit?action=account.');
  await expect(page.getByTestId('audit-table')).toContainText('account.suspension_lifted');
  await expect(page.getByTestId('audit-table')).toContainText('account.suspended_for_violation');

  // A suspension for a violation ended the customer's sessions (issue 13, item 5): signed out.
  await customerPage.goto('/overview');
  await expect(customerPage.getByRole('heading', { name: 'Sign in to your console' })).toBeVisible();
  // Signed in again, the customer is told and the console is open again.
  await signIn(customerPage, customer.email, customer.password);
  await customerPage.goto('/overview');
  await expect(customerPage.getByTestId('notifications')).toContainText('The suspension of your account was lifted');
  await expect(customerPage.getByTestId('notifications')).toContainText('Your balance was adjusted');
  await customerContext.close();
});
