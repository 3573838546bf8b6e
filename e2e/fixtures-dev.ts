import { expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { accounts, applications, bills, testClocks, users } from '../db/schema';
import { generateSecretKey } from '../lib/applications/secret-key';
import { formatLocalDateTime } from '../lib/time/format';
import { e2eDb } from './fixtures';

/** Helpers for the clock, settlement, enforcement and renewal walks (issue 5). */
export async function accountIdOf(email: string): Promise<string> {
  const { db } = e2eDb();
  const [u] = await db.select({ accountId: users.accountId }).from(users).where(eq(users.email, email));
  if (!u?.accountId) throw new Error(`no account for ${email}`);
  return u.accountId;
}

/** An application created straight in the database, so the spec knows its secret key. */
export async function createAppDirect(accountId: string, options: { name?: string; edition?: 'free' | 'lite' } = {}) {
  const { db } = e2eDb();
  const key = generateSecretKey();
  const [app] = await db
    .insert(applications)
    .values({ accountId, name: options.name ?? 'Walk App', secretKeyHash: key.hash, secretKeyHint: key.hint, edition: options.edition ?? 'free', createdAt: new Date() })
    .returning();
  return { ...app!, secretKey: key.secretKey };
}

/** What must not change for a bystander account. */
export async function accountState(accountId: string) {
  const { db } = e2eDb();
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  const b = await db.select({ id: bills.id }).from(bills).where(eq(bills.accountId, accountId));
  const c = await db.select().from(testClocks).where(eq(testClocks.accountId, accountId));
  return { status: a!.status, balance: a!.balance.toFixed(), bills: b.length, clock: c.length };
}

export async function balanceOf(accountId: string) {
  const { db } = e2eDb();
  const [a] = await db.select({ balance: accounts.balance }).from(accounts).where(eq(accounts.id, accountId));
  return a!.balance;
}

/** `YYYY-MM-DDTHH:mm` in the billing zone, for the page's datetime-local fields. */
export function localInput(instant: Date): string {
  return formatLocalDateTime(instant).replace(' ', 'T');
}

export async function clockOf(accountId: string): Promise<Date> {
  const { db } = e2eDb();
  const [c] = await db.select().from(testClocks).where(eq(testClocks.accountId, accountId));
  if (!c) throw new Error('no clock');
  return c.now;
}

/** Developer tools: advance to an instant through the page's date form. */
export async function advanceTo(page: Page, instant: Date) {
  await page.goto('/dev');
  await page.getByLabel('To a date and time (UTC+8)').fill(localInput(instant));
  await page.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect(page.getByText(/^Clock at /)).toBeVisible({ timeout: 60_000 });
}

export async function advanceBy(page: Page, button: '+1 hour' | '+1 day' | 'To the next due job') {
  await page.goto('/dev');
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByText(/^Clock at /)).toBeVisible({ timeout: 60_000 });
}

export async function topUpThroughPage(page: Page, amount: string) {
  await page.goto('/balance');
  await page.getByLabel(/^Amount/).fill(amount);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByTestId('top-up-form').getByRole('status')).toBeVisible();
}
