import { expect, test } from './fixtures-test';
import { eq } from 'drizzle-orm';
import { accounts, users } from '../db/schema';
import { e2eDb, signIn, signUpCustomer } from './fixtures';

/**
 * Chinese and English (issue 14 item 4): the switch, the saved choice and the defaults
 * (lib/i18n/config.ts: cookie, then the account's choice, then CNY → Chinese, then the browser).
 */
const NO_COOKIE = { cookies: [], origins: [] };

async function accountOf(email: string) {
  const { db } = e2eDb();
  const [row] = await db.select({ locale: accounts.locale, currency: accounts.currency }).from(users).innerJoin(accounts, eq(accounts.id, users.accountId)).where(eq(users.email, email));
  return row!;
}

test('the switch turns the console Chinese, remembers it on the account, and back', async ({ page, browser }) => {
  const { email, password } = await signUpCustomer(page, { currency: 'USD' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Packages' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');

  await page.getByTestId('language-switch').getByRole('button', { name: /中文/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const zhNav = page.getByRole('navigation', { name: '主导航' });
  await expect(zhNav.getByRole('link', { name: '套餐包' })).toBeVisible();
  await expect(zhNav.getByRole('link', { name: '账单' })).toBeVisible();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  expect((await page.context().cookies()).find((c) => c.name === 'NEXT_LOCALE')?.value).toBe('zh');
  expect((await accountOf(email)).locale).toBe('zh');

  // Another browser with no cookie and an English Accept-Language: the account's choice wins.
  const other = await browser.newContext({ storageState: NO_COOKIE, locale: 'en-US' });
  const otherPage = await other.newPage();
  // The sign-in page is English for this browser (nobody known yet); the console after it is Chinese.
  await signIn(otherPage, email, password);
  await expect(otherPage.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(otherPage.getByRole('link', { name: '套餐包' })).toBeVisible();
  await other.close();

  await page.getByTestId('language-switch').getByRole('button', { name: /English/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Packages' })).toBeVisible();
  expect((await accountOf(email)).locale).toBe('en');
});

test('a CNY account is Chinese by default; a USD one English; signed out, the browser decides', async ({ page, browser }) => {
  const cny = await signUpCustomer(page, { currency: 'CNY' });
  expect((await accountOf(cny.email)).locale).toBeNull();

  const fresh = await browser.newContext({ storageState: NO_COOKIE, locale: 'en-US' });
  const p = await fresh.newPage();
  await p.goto('/sign-in');
  await expect(p.locator('html')).toHaveAttribute('lang', 'en-US');
  await signIn(p, cny.email, cny.password);
  await expect(p.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(p.getByRole('link', { name: '套餐包' })).toBeVisible();
  await fresh.close();

  const zhBrowser = await browser.newContext({ storageState: NO_COOKIE, locale: 'zh-CN' });
  const z = await zhBrowser.newPage();
  await z.goto('/sign-in');
  await expect(z.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The switch works signed out too, and the choice outlives the page.
  await z.getByTestId('language-switch').getByRole('button', { name: /English/ }).click();
  await expect(z.locator('html')).toHaveAttribute('lang', 'en-US');
  await z.reload();
  await expect(z.locator('html')).toHaveAttribute('lang', 'en-US');
  await zhBrowser.close();
});
