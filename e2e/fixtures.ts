import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { createDb, type DbHandle } from '../db/client';
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
 * Sign up a brand-new customer through the UI, sign in, confirm the address through the
 * emailed link (read from the dev mailbox); returns its credentials. Sign-up answers
 * "check your inbox" whether or not the address exists (issue 13 item 7), so the helper
 * goes on as a person would.
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
  await signIn(page, email, password);
  await confirmEmail(page, email);
  await expect(page).toHaveURL(/\/overview/);
  return { email, password };
}

/** The newest link to `path` emailed to `email`, from the dev mailbox (GET /api/dev/mail) as `page`'s signed-in user may read it. */
export async function emailedLink(page: Page, email: string, path: '/verify-email' | '/reset-password'): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/dev/mail?to=${encodeURIComponent(email)}`);
      if (!res.ok()) return undefined;
      const { messages } = (await res.json()) as { messages: { text: string | null }[] };
      for (const m of messages) {
        const found = new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]{43}`).exec(m.text ?? '')?.[0];
        if (found) return (link = found);
      }
      return undefined;
    })
    .toBeTruthy();
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}

/** Opens the emailed confirmation link and confirms (the signed-in customer lands on the overview). */
export async function confirmEmail(page: Page, email: string) {
  await page.goto(await emailedLink(page, email, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/verify-email'));
}

/** Confirm the question a money- or service-changing button asks (components/ui/confirm-submit.tsx). */
export async function confirmDialog(page: Page) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button').last().click();
  await expect(dialog).toBeHidden();
}
