import { expect, test } from './fixtures-test';
import { eq } from 'drizzle-orm';
import { applications, users } from '../db/schema';
import { DEMO, e2eDb } from './fixtures';
import { newCustomer, signInAs } from './fixtures-auth';

test('a customer opening an admin page gets the 403 page', async ({ page }) => {
  await signInAs(page, 'customer');
  const response = await page.goto('/admin/accounts');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
});

test("a customer cannot read another account's application by URL", async ({ page, browser }) => {
  // The demo customer's first application belongs to another account than the new customer's.
  const { db } = e2eDb();
  const [demoUser] = await db.select().from(users).where(eq(users.email, DEMO.customer.email));
  const [otherApp] = await db.select().from(applications).where(eq(applications.accountId, demoUser!.accountId!)).limit(1);
  expect(otherApp).toBeTruthy();

  await newCustomer(page, { name: 'Curious Customer' });
  const response = await page.goto(`/applications/${otherApp!.sdkAppId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText(otherApp!.name)).toHaveCount(0);

  // Its owner does see it (a separate browser context: a separate session).
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInAs(owner, 'customer');
  await owner.goto(`/applications/${otherApp!.sdkAppId}`);
  await expect(owner.getByRole('heading', { name: otherApp!.name })).toBeVisible();
  await ownerContext.close();
});
