import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from './fixtures-test';
import { signedUsageHeaders } from '../lib/usage/signature';
import { createApplication } from './fixtures-billing';
import { newCustomer } from './fixtures-auth';
import { confirmDialog } from './fixtures';
import { keepScreenshot } from './fixtures-shots';

// Issue 11: account usage keys sign usage API batches spanning the account's applications.
test.describe.configure({ timeout: 180_000 });

const shots = process.env.E2E_SCREENSHOTS ?? 'test-results';

async function sendByKey(page: Page, key: { id: string; secret: string }, records: object[]) {
  const body = records.map((r) => JSON.stringify(r)).join('\n');
  const headers = { ...signedUsageHeaders({ usageKeyId: key.id, secretKey: key.secret, body, idempotencyKey: randomUUID() }), 'Content-Type': 'application/x-ndjson' };
  const res = await page.request.post('/api/v1/usage', { headers, data: body });
  return { status: res.status(), json: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
}

const media = (app: number, seconds: number) => ({ type: 'media', app, user: 'u1', room: 'r1', start: new Date(Date.now() - 3_600_000).toISOString(), seconds, receive: [] });

test('create a usage key (secret shown once), sign a batch of two applications with it, revoke it: then refused', async ({ page }) => {
  await newCustomer(page, { name: 'Metering Co' });
  const a = await createApplication(page, 'Metered A');
  const b = await createApplication(page, 'Metered B');

  await page.goto('/applications');
  const section = page.getByTestId('usage-keys-section');
  await expect(section.getByRole('heading', { name: 'Account usage keys' })).toBeVisible();
  await expect(section).toContainText('No usage keys yet.');
  await section.getByLabel('Key name').fill('Billing pipeline');
  await section.getByRole('button', { name: 'Create usage key' }).click();
  const box = section.getByTestId('usage-key-secret-box');
  await expect(box).toBeVisible();
  await expect(box).toContainText('it is shown only this once');
  const key = { id: ((await box.getByTestId('usage-key-id').textContent()) ?? '').trim(), secret: ((await box.getByTestId('usage-key-secret').textContent()) ?? '').trim() };
  expect(key.id).toMatch(/^uk_/);
  expect(key.secret).toMatch(/^sk_/);
  const row = section.getByTestId('usage-key-row').filter({ hasText: 'Billing pipeline' });
  await expect(row).toContainText(key.id);
  await expect(row).toContainText(`Secret •••• ${key.secret.slice(-4)}`);
  await expect(row).toContainText('never used');
  await expect(section).toContainText('1 of 5 active');
  await keepScreenshot(page, { path: `${shots}/usage-keys-created-en-1360.png`, fullPage: true });

  // One batch, records of both applications, signed by the key.
  const ok = await sendByKey(page, key, [media(a.sdkAppId, 60), media(b.sdkAppId, 30)]);
  expect(ok.status).toBe(201);
  expect(ok.json).toMatchObject({ sdkAppId: null, applications: 2, accepted: 2, replayed: false });

  // Shown once: after a reload only the hint remains; the key was used.
  await page.reload();
  await expect(section.getByTestId('usage-key-secret-box')).toHaveCount(0);
  await expect(page.getByText(key.secret)).toHaveCount(0);
  await expect(row).toContainText('last used');

  // Revoke (asks first); then a request signed with it is refused like a wrong signature.
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('dialog')).toContainText('Revoke usage key Billing pipeline?');
  await confirmDialog(page);
  await expect(row.getByText('Revoked', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  await expect(section).toContainText('0 of 5 active');
  const refused = await sendByKey(page, key, [media(a.sdkAppId, 60)]);
  expect(refused.status).toBe(401);
  expect(refused.json.error?.code).toBe('INVALID_SIGNATURE');

  // Screenshots for people (E2E_SCREENSHOTS): both widths, both languages.
  if (process.env.E2E_SCREENSHOTS) {
    await section.getByLabel('Key name').fill('Second pipeline');
    await section.getByRole('button', { name: 'Create usage key' }).click();
    await expect(section.getByTestId('usage-key-secret-box')).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await keepScreenshot(page, { path: `${shots}/usage-keys-en-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh', url: page.url() }]);
    await page.reload();
    await expect(section.getByRole('heading', { name: '账号用量密钥' })).toBeVisible();
    await keepScreenshot(page, { path: `${shots}/usage-keys-zh-1360.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await keepScreenshot(page, { path: `${shots}/usage-keys-zh-390.png`, fullPage: true });
  }
});
