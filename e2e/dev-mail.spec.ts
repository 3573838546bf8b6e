import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { expect, test } from './fixtures-test';
import { E2E_SMTP_URL } from '../playwright.config';
import { DEMO, signIn, signOut } from './fixtures';
import { keepScreenshot } from './fixtures-shots';

test('the embedded SMTP capture keeps real SMTP messages; /dev/mail and GET /api/dev/mail show them to admins', async ({ page }) => {
  const to = `mailbox-${randomUUID().slice(0, 8)}@example.test`;
  const subject = `Capture check ${randomUUID().slice(0, 6)}`;
  await nodemailer.createTransport(E2E_SMTP_URL).sendMail({ from: 'probe@example.test', to, subject, text: 'Plain part of the probe', html: '<p>HTML part of the <b>probe</b></p>' });

  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  const res = await page.request.get(`/api/dev/mail?to=${encodeURIComponent(to.toUpperCase())}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { messages: { to: string[]; subject: string; text: string; html: string; date: string }[] };
  expect(body.messages).toHaveLength(1);
  expect(body.messages[0]).toMatchObject({ to: [to], subject });
  expect(body.messages[0]!.text).toContain('Plain part of the probe');
  expect(body.messages[0]!.html).toContain('<b>probe</b>');
  expect(Number.isNaN(Date.parse(body.messages[0]!.date))).toBe(false);

  await page.goto(`/dev/mail?to=${encodeURIComponent(to)}`);
  await expect(page.getByRole('heading', { name: 'Mailbox' })).toBeVisible();
  await expect(page.getByText('capture running')).toBeVisible();
  await expect(page.getByTestId('mail-list').getByText(subject)).toBeVisible();
  await expect(page.getByText('Plain part of the probe')).toBeVisible();
  await keepScreenshot(page, { path: 'test-results/screens/dev-mail.png', fullPage: true });
  const bad = await page.request.get('/api/dev/mail?limit=0');
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
  await signOut(page);

  // A customer sees only their own account's mail.
  await signIn(page, DEMO.customer.email, DEMO.customer.password);
  const mine = (await (await page.request.get(`/api/dev/mail?to=${encodeURIComponent(to)}`)).json()) as { messages: unknown[] };
  expect(mine.messages).toHaveLength(0);
  await page.goto('/dev/mail');
  await expect(page.getByText(subject)).toHaveCount(0);
});

test('the mailbox API needs a session', async ({ request }) => {
  const res = await request.get('/api/dev/mail');
  expect(res.status()).toBe(401);
});
