import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createDb, type DbHandle } from '../db/client';
import { users } from '../db/schema';
import { E2E_DATABASE_URL } from '../playwright.config';

export const DEMO = {
  admin: { email: 'admin@example.com', password: 'admin-demo-2026' },
  customer: { email: 'customer@example.com', password: 'customer-demo-2026' },
} as const;

/** Direct access to the e2e database, for seeding what a spec needs and checking what it did. */
let handle: DbHandle | null = null;
export function e2eDb(): DbHandle {
  handle ??= createDb(E2E_DATABASE_URL, { max: 3 });
  return handle;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
}

/**
 * Sign up a brand-new customer through the UI, confirm the address, sign in; returns its
 * credentials. Sign-up answers "check your inbox" whether or not the address exists
 * (issue 13 item 7), so the helper confirms the address and signs in as a person would.
 */
export async function signUpCustomer(page: Page, options: { name?: string; currency?: 'USD' | 'CNY' } = {}) {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'e2e-password-123';
  await page.goto('/sign-up');
  await page.getByLabel('Company or your name').fill(options.name ?? 'E2E Customer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  if (options.currency) await page.getByLabel('Billing currency').selectOption(options.currency);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/sign-up\/check-email/);
  await confirmEmail(page, email);
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/overview/);
  return { email, password };
}

/** Confirms a new customer's address (what opening the emailed link does). */
export async function confirmEmail(_page: Page, email: string) {
  const { db } = e2eDb();
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, email));
}
