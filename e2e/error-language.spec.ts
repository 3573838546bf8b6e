import { expect, test } from './fixtures-test';
import { randomUUID } from 'node:crypto';
import { keepScreenshot } from './fixtures-shots';

/**
 * The error model's answers in the reader's language (lib/i18n/errors.ts, issue 15): the same
 * refusals of the sign-in and sign-up forms, Chinese for a Chinese browser (no cookie), English
 * word for word with the default English cookie.
 */
const NO_COOKIE = { cookies: [], origins: [] };

test('sign-in and sign-up refusals are Chinese for a Chinese browser, English otherwise', async ({ browser, page }) => {
  const context = await browser.newContext({ storageState: NO_COOKIE, locale: 'zh-CN' });
  const zh = await context.newPage();
  await zh.goto('/sign-in');
  await zh.getByLabel('邮箱').fill(`nobody-${randomUUID().slice(0, 8)}@example.test`);
  await zh.getByLabel('密码').fill('not-the-password-1');
  await zh.getByRole('button', { name: '登录', exact: true }).click();
  await expect(zh.getByText('邮箱或密码不正确。')).toBeVisible();

  await zh.goto('/sign-up');
  await zh.getByRole('button', { name: '注册账号' }).click();
  await expect(zh.getByText('请填写邮箱。')).toBeVisible();
  await expect(zh.getByText('请检查标出的字段。')).toBeHidden(); // the form shows field messages, not the summary
  await keepScreenshot(zh, { path: `${process.env.SCREENSHOTS ? 'e2e/screenshots' : 'test-results/screens'}/error-language-sign-up-zh.png`, fullPage: true });
  await context.close();

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(`nobody-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel('Password').fill('not-the-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
  await page.goto('/sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Email is required.')).toBeVisible();
});
