import { expect, test, type Browser } from './fixtures-test';
import { and, eq } from 'drizzle-orm';
import { daySettlements, packages, refundRequests, usageRecords } from '../db/schema';
import { localDate } from '../lib/time/local-date';
import { e2eDb, signIn, confirmDialog } from './fixtures';
import { accountIdOf } from './fixtures-dev';
import { buyPackage, createApplication, topUp } from './fixtures-billing';
import { newCustomer, rolePage } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

// Issue 10, item 7: the refund gaps a new user ran into.

async function adminPage(browser: Browser) {
  const page = await rolePage(browser, 'admin');
  return { page, close: () => page.context().close() };
}

test('the customer withdraws an open refund request; the admin queue no longer shows it', async ({ page, browser }) => {
  await newCustomer(page, { name: 'Withdraw Walk Ltd' });
  await topUp(page, '60');
  const app = await createApplication(page, 'Withdraw App');
  await buyPackage(page, { appId: app.id, packageName: 'RTC-Engine Lite' });
  await page.getByRole('button', { name: 'Request refund' }).click();
  await confirmDialog(page);
  await expect(page.getByTestId('refund-section')).toContainText('Waiting for review');

  const admin = await adminPage(browser);
  await admin.page.goto('/admin/refunds');
  await expect(admin.page.getByTestId('refund-queue')).toContainText('Withdraw Walk Ltd');

  await page.getByRole('button', { name: 'Withdraw request' }).click();
  // The page re-renders without the open request (the refund form is back: the action has
  // finished; the pending button alone would also hide "Withdraw request"): the list shows it withdrawn.
  await expect(page.getByRole('button', { name: 'Request refund' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Withdraw request' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('refund-requests')).toContainText('Withdrawn');
  await expect(page.getByTestId('refund-requests')).toContainText('Withdrawn by the customer.');
  // Still refundable: a new request can be made.
  await expect(page.getByRole('button', { name: 'Request refund' })).toBeVisible();
  await keepScreenshot(page, { path: 'test-results/gaps-refund-withdrawn.png', fullPage: true });

  await admin.page.reload();
  await expect(admin.page.getByText('Withdraw Walk Ltd')).toHaveCount(0);
  await admin.page.goto('/admin/refunds?status=withdrawn');
  await expect(admin.page.getByTestId('refund-history')).toContainText('Withdraw Walk Ltd');
  await admin.close();
  await page.goto('/balance');
  await expect(page.getByTestId('balance')).toHaveText('$10.50');
});

test('the checkout of a free trial does not promise a refund (rule (c)); a paid package does', async ({ page }) => {
  await newCustomer(page, { name: 'Trial Checkout Co' });
  const app = await createApplication(page, 'Trial App');
  await page.goto(`/packages/buy?app=${app.id}`);
  await page.getByRole('radio', { name: 'Call Free Trial (7 days)', exact: true }).check();
  const note = page.getByTestId('refund-note');
  await expect(note).toHaveText('Nothing is paid. Free trials are not refundable (five-day refund rule (c)).');
  await expect(page.getByTestId('purchase-summary')).not.toContainText('Refundable');
  await keepScreenshot(page, { path: 'test-results/gaps-trial-checkout.png', fullPage: true });
  await page.getByRole('radio', { name: 'RTC-Engine Lite', exact: true }).check();
  await expect(note).toHaveText('Paid from your balance ($0.00). Refundable within 5 days if none of its minutes are used.');
});

// Issue 10 item 7 with issue 13 item 5: a violation suspension ends the customer's sessions;
// signed in again, the customer still reaches the packages page (refunds are billing, open
// while suspended) and is told refund rule (d) there, not the general "only billing" banner.
test('suspended for a violation, a refund request is answered with reason (d), not the general banner', async ({ page, browser }) => {
  const customer = await newCustomer(page, { name: 'Violation Refund Co' });
  await topUp(page, '60');
  const app = await createApplication(page, 'Violating App');
  await buyPackage(page, { appId: app.id, packageName: 'RTC-Engine Lite' });
  await expect(page.getByRole('button', { name: 'Request refund' })).toBeVisible();

  // The admin suspends the account while the customer's page is open.
  const accountId = await accountIdOf(customer.email);
  const admin = await adminPage(browser);
  await admin.page.goto(`/admin/accounts/${accountId}`);
  await admin.page.getByLabel('Violation').fill('Content violation reported by a user');
  await admin.page.getByRole('button', { name: 'Suspend for violation' }).click();
  await confirmDialog(admin.page);
  await expect(admin.page.getByText('Account suspended for a violation.')).toBeVisible();
  await admin.close();

  // The page still open asks with the ended session: refused, nothing requested.
  await page.getByRole('button', { name: 'Request refund' }).click();
  await confirmDialog(page);
  await expect(page.getByTestId('refund-section')).toContainText('Please sign in.');

  // The suspension ended the customer's sessions (issue 13, item 5): they sign in again.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to your console' })).toBeVisible();
  await signIn(page, customer.email, customer.password);
  await expect(page.getByRole('link', { name: 'Packages' })).toBeVisible();
  await page.getByRole('link', { name: 'Packages' }).click();
  await expect(page).toHaveURL(/\/packages$/);
  const section = page.getByTestId('refund-section');
  await expect(section).toContainText('Not refundable: (d) The account is suspended for a violation; none of its packages can be refunded.');
  await expect(section).not.toContainText('only billing and top-up are available');
  await expect(page.getByRole('button', { name: 'Request refund' })).toHaveCount(0);
  await expect(page.getByTestId('packages-suspended')).toContainText('five-day refund rule (d)');
  // Read-only for buying: no purchase link, no auto-renewal switch.
  await expect(page.getByRole('link', { name: 'Buy a package' })).toHaveCount(0);
  await expect(page.getByText('Auto-renewal', { exact: true })).toHaveCount(0);
  await keepScreenshot(page, { path: 'test-results/gaps-refund-violation.png', fullPage: true });
  const { db } = e2eDb();
  const [pkg] = await db.select().from(packages).where(and(eq(packages.applicationId, app.id), eq(packages.status, 'active')));
  expect(pkg).toBeTruthy();
  const requests = await db.select().from(refundRequests).where(eq(refundRequests.packageId, pkg!.id));
  expect(requests).toEqual([]);
});

test('approval while the day is unsettled: the admin is told to decide after the settlement; once settled unused, it refunds', async ({ page, browser }) => {
  await newCustomer(page, { name: 'Unsettled Media' });
  await topUp(page, '60');
  const app = await createApplication(page, 'Unsettled App');
  await buyPackage(page, { appId: app.id, packageName: 'RTC-Engine Lite' });
  await page.getByRole('button', { name: 'Request refund' }).click();
  await confirmDialog(page);
  await expect(page.getByTestId('refund-section')).toContainText('Waiting for review');

  const { db } = e2eDb();
  const [pkg] = await db.select().from(packages).where(and(eq(packages.applicationId, app.id), eq(packages.status, 'active')));
  const start = new Date();
  const day = localDate(start);
  const [rec] = await db
    .insert(usageRecords)
    .values({
      accountId: pkg!.accountId,
      sdkAppId: app.sdkAppId,
      type: 'media',
      start,
      localDay: day,
      seconds: 600,
      record: { type: 'media', app: app.sdkAppId, room: 'r1', user: 'u1', start: start.toISOString(), seconds: 600, receive: [{ stream: 's', audio: true }] },
      receivedAt: start,
    })
    .returning();

  const admin = await adminPage(browser);
  await admin.page.goto('/admin/refunds');
  const card = admin.page.getByTestId('refund-queue').locator('section').filter({ hasText: 'Unsettled Media' });
  await expect(card.getByTestId('decide-after')).toContainText('(decide after the settlement at');
  await card.getByLabel('Reason').fill('Unused within five days: approving');
  await card.getByRole('button', { name: 'Approve refund' }).click();
  await confirmDialog(admin.page);
  await expect(card.getByRole('alert')).toContainText(`Not decided yet: usage of ${day} on this application is not settled`);
  await expect(card.getByRole('alert')).toContainText('The request stays open; nothing was changed.');
  await keepScreenshot(admin.page, { path: 'test-results/gaps-refund-decide-after.png', fullPage: true });
  await admin.page.reload();
  await expect(admin.page.getByTestId('refund-queue')).toContainText('Unsettled Media');

  // The day's settlement ran and deducted nothing from the package: approval refunds.
  await db.insert(daySettlements).values({ accountId: pkg!.accountId, localDay: day, lastUsageRecordId: rec!.id, recordCount: 1, settledAt: new Date(), updatedAt: new Date() });
  await admin.page.reload();
  const again = admin.page.getByTestId('refund-queue').locator('section').filter({ hasText: 'Unsettled Media' });
  await expect(again).toContainText('(approval will refund)');
  await again.getByLabel('Reason').fill('Settled unused: approved');
  await again.getByRole('button', { name: 'Approve refund' }).click();
  await confirmDialog(admin.page);
  await expect(admin.page.getByTestId('decision-banner')).toContainText('Approved: $49.50 is back in Unsettled Media');
  await admin.close();
  await page.goto('/balance');
  await expect(page.getByTestId('balance')).toHaveText('$60.00');
});
