import { expect, test } from './fixtures-test';
import { advanceBy } from './fixtures-dev';
import { createApplication } from './fixtures-billing';
import { mediaRecord, sendUsage } from './fixtures-usage';
import { newCustomer } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

// lifecycle.md, Applications: rotate the secret key (issue 10, item 7).
test.describe.configure({ timeout: 180_000 });

test('rotate the secret key: shown once; the old key signs for 24 hours of the account clock; a leaked one stops at once', async ({ page }) => {
  await newCustomer(page, { name: 'Rotation Labs' });
  const app = await createApplication(page, 'Rotating App');
  const body = () => JSON.stringify([mediaRecord(app.sdkAppId, new Date(Date.now() - 3_600_000), 60)]);
  expect((await sendUsage(page.request, app, body())).status).toBe(201);

  await page.goto(`/applications/${app.sdkAppId}`);
  await page.getByRole('button', { name: 'Rotate secret key' }).click();
  const rotated = page.getByTestId('rotated');
  await expect(rotated.getByTestId('secret-key')).toHaveText(/^sk_/);
  const newKey = ((await rotated.getByTestId('secret-key').textContent()) ?? '').trim();
  expect(newKey).not.toBe(app.secretKey);
  await expect(page.getByTestId('old-key-fate')).toContainText(`The old key •••• ${app.secretKey.slice(-4)} keeps signing until`);
  await expect(page.getByTestId('key-hint')).toHaveText(`•••• ${newKey.slice(-4)}`);
  await expect(page.getByTestId('previous-key')).toContainText(`Old key •••• ${app.secretKey.slice(-4)} signs until`);
  await keepScreenshot(page, { path: 'test-results/gaps-key-rotated.png', fullPage: true });

  // Both keys sign within the 24 hours.
  expect((await sendUsage(page.request, app, body())).status).toBe(201);
  expect((await sendUsage(page.request, app, body(), { secretKey: newKey })).status).toBe(201);

  // 24 hours later on the account's clock the old key is refused, the new one still signs.
  await page.goto('/dev');
  await page.getByLabel('Start the clock at').selectOption('now');
  await page.getByRole('button', { name: 'Attach test clock' }).click();
  await expect(page.getByText('Test clock attached', { exact: true })).toBeVisible();
  await advanceBy(page, '+1 day');
  const old = await sendUsage(page.request, app, body());
  expect(old.status).toBe(401);
  expect(old.json.error?.code).toBe('INVALID_SIGNATURE');
  expect((await sendUsage(page.request, app, body(), { secretKey: newKey })).status).toBe(201);
  await page.goto(`/applications/${app.sdkAppId}`);
  await expect(page.getByTestId('previous-key')).toHaveCount(0);

  // The new key leaked: rotate with "stop it now"; it is refused at once.
  await page.getByLabel('It leaked: stop it now').check();
  await page.getByRole('button', { name: 'Rotate secret key' }).click();
  await expect(page.getByTestId('old-key-fate')).toHaveText(`The old key •••• ${newKey.slice(-4)} stopped at once: requests signed with it are refused.`);
  const third = ((await page.getByTestId('rotated').getByTestId('secret-key').textContent()) ?? '').trim();
  expect((await sendUsage(page.request, app, body(), { secretKey: newKey })).status).toBe(401);
  expect((await sendUsage(page.request, app, body(), { secretKey: third })).status).toBe(201);
  await expect(page.getByTestId('previous-key')).toHaveCount(0);
});
