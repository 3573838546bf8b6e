import { expect, test } from './fixtures-test';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { webhookEndpoints } from '../db/schema';
import { e2eDb, signIn } from './fixtures';
import { addEndpointThroughPage, createDevCustomers, startReceiver } from './fixtures-notices';
import { keepScreenshot } from './fixtures-shots';

/**
 * The customer's notice settings (issue 10 items 4 and 5; lifecycle.md, Notices): billing
 * contacts and email kinds, webhook endpoints with the secret shown once, a test event, the
 * delivery log with resend, the disabled state and enabling again, deleting after a confirm.
 */
test('notification settings: contacts (empty state, field errors, duplicate, remove after confirm) and per-kind email choices with account status always on', async ({ page, browser, baseURL }) => {
  const [c] = await createDevCustomers(browser, baseURL!, [{ priceBookId: 'trtc-2024-usd', balance: '100', name: 'Settings Co' }]);
  await signIn(page, c!.login.email, c!.login.password);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  await expect(page.getByRole('heading', { name: 'No billing contacts yet' })).toBeVisible();
  await expect(page.getByRole('main').getByText(c!.login.email.toLowerCase(), { exact: true })).toBeVisible();
  await expect(page.getByTestId('contact-count')).toHaveText('0 of 5');

  const form = page.getByTestId('add-contact-form');
  await page.getByLabel('Email address').fill('not-an-address');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByRole('alert')).toContainText('Enter an email address');
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Email address').fill('Finance@Settings.example');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByRole('status')).toContainText('Notice emails now go to finance@settings.example too.');
  await expect(page.getByTestId('contacts')).toContainText('finance@settings.example');
  await expect(page.getByTestId('contact-count')).toHaveText('1 of 5');
  await page.getByLabel('Email address').fill('finance@settings.example');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByRole('alert')).toContainText('finance@settings.example is already a contact.');

  // Per-kind choices: account status checked and not switchable; a kind switched off stays off.
  const kinds = page.getByTestId('email-kinds-form');
  const suspended = kinds.getByRole('checkbox', { name: /^Suspended/ });
  await expect(suspended).toBeChecked();
  await expect(suspended).toBeDisabled();
  await expect(kinds.getByRole('checkbox', { name: /Webhook endpoint disabled/ })).toBeChecked();
  await kinds.getByRole('checkbox', { name: /Monthly bill issued/ }).uncheck();
  await kinds.getByRole('button', { name: 'Save email choices' }).click();
  await expect(kinds.getByRole('status')).toContainText('1 kind switched off for email');
  await page.reload();
  await expect(kinds.getByRole('checkbox', { name: /Monthly bill issued/ })).not.toBeChecked();
  await expect(kinds.getByRole('checkbox', { name: /Balance below your threshold/ })).toBeChecked();
  await expect(kinds.getByRole('checkbox', { name: /^Suspended/ })).toBeChecked();

  await keepScreenshot(page, {
    path: 'test-results/screens/settings-notifications-1360.png',
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await keepScreenshot(page, {
    path: 'test-results/screens/settings-notifications-390.png',
    fullPage: true,
  });
  await page.setViewportSize({ width: 1360, height: 860 });

  // Remove: dismissing the confirmation keeps it; accepting removes it.
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: 'Remove finance@settings.example' }).click();
  await expect(page.getByTestId('contacts')).toContainText('finance@settings.example');
  page.once('dialog', (d) => {
    expect(d.message()).toContain('finance@settings.example');
    void d.accept();
  });
  await page.getByRole('button', { name: 'Remove finance@settings.example' }).click();
  await expect(page.getByRole('heading', { name: 'No billing contacts yet' })).toBeVisible();
});

test('webhooks: add (secret once), test event verified by the receiver, delivery log with status code, latency and attempts, resend, disabled → enable, delete after confirm', async ({
  page,
  browser,
  baseURL,
}) => {
  const receiver = await startReceiver();
  try {
    const [c] = await createDevCustomers(browser, baseURL!, [{ priceBookId: 'trtc-2024-usd', balance: '100', name: 'Hooks Co' }]);
    await signIn(page, c!.login.email, c!.login.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole('heading', { name: 'No webhook endpoints' })).toBeVisible();
    await expect(page.getByTestId('endpoint-count')).toHaveText('0 of 5');
    await keepScreenshot(page, {
      path: 'test-results/screens/settings-webhooks-empty-1360.png',
      fullPage: true,
    });

    // A wrong URL names the field.
    await page.getByLabel('Endpoint URL').fill('ftp://example.com/hook');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByTestId('create-endpoint-form').getByRole('alert')).toContainText('The URL must start with https://.');

    const secret = await addEndpointThroughPage(page, receiver.url, 'On-call bot');
    await expect(page.getByTestId('endpoint-count')).toHaveText('1 of 5');
    const item = page.getByTestId('endpoints').getByRole('listitem').first();
    await expect(item).toContainText(receiver.url);
    await expect(item).toContainText('Enabled');
    await expect(item).toContainText(`whsec_…${secret.slice(-4)}`);
    await keepScreenshot(page, {
      path: 'test-results/screens/settings-webhooks-secret-1360.png',
      fullPage: true,
    });
    // Shown once: a reload shows only the hint.
    await page.reload();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    // Test event: signed per Standard Webhooks with the secret shown.
    await item.getByRole('button', { name: 'Send test event' }).click();
    await expect(item.getByRole('status')).toContainText(/Test event delivered: HTTP 200 in \d+ ms\./);
    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0]!;
    expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: 'webhook.test' });
    expect(first.headers['webhook-id']).toMatch(/^msg_test_/);

    // The log: the test event delivered; then the endpoint answers 500 and a resend fails, logged as a second attempt.
    await item.getByRole('link', { name: 'Delivery log' }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks\/\d+$/);
    const row = page.getByTestId('delivery-row').first();
    await expect(row).toContainText('webhook.test');
    await expect(row).toContainText('delivered');
    await expect(row).toContainText('200');
    await expect(row).toContainText(/\d+ ms/);
    receiver.answer(500);
    await row.getByRole('button', { name: 'Resend' }).click();
    await expect(row.getByRole('alert')).toContainText('Resend failed: HTTP 500');
    await expect(row.getByRole('cell', { name: '2', exact: true })).toBeVisible();
    await row.getByText('Show the 2 attempts').click();
    await expect(row.getByRole('listitem')).toHaveCount(2);
    await expect(row.getByRole('listitem').nth(1)).toContainText('failed · 500');
    await expect(row.getByRole('listitem').nth(1)).toContainText('resend');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(first.headers['webhook-id']);
    await keepScreenshot(page, {
      path: 'test-results/screens/settings-webhook-log-1360.png',
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await keepScreenshot(page, {
      path: 'test-results/screens/settings-webhook-log-390.png',
      fullPage: true,
    });
    await page.setViewportSize({ width: 1360, height: 860 });

    // Disabled after three days of failures (the queue's path is in lib/deliveries/deliveries.int.test.ts): shown, and enabled again.
    const { db } = e2eDb();
    await db
      .update(webhookEndpoints)
      .set({
        status: 'disabled',
        disabledReason: 'Every delivery failed for three days.',
        disabledAt: new Date('2024-10-04T00:00:00+08:00'),
      })
      .where(eq(webhookEndpoints.accountId, c!.accountId));
    await page.goto('/settings/webhooks');
    await expect(item).toContainText('Disabled');
    await expect(item.getByRole('alert')).toContainText('Every delivery failed for three days. Disabled at 2024-10-04 00:00 (UTC+8).');
    await keepScreenshot(page, {
      path: 'test-results/screens/settings-webhooks-disabled-1360.png',
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await keepScreenshot(page, {
      path: 'test-results/screens/settings-webhooks-disabled-390.png',
      fullPage: true,
    });
    await page.setViewportSize({ width: 1360, height: 860 });
    await item.getByRole('button', { name: 'Enable again' }).click();
    await expect(item).toContainText('Enabled');
    await expect(item.getByRole('button', { name: 'Enable again' })).toHaveCount(0);

    // Delete: dismissing the confirmation keeps it; accepting deletes it.
    page.once('dialog', (d) => void d.dismiss());
    await item.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('endpoint-count')).toHaveText('1 of 5');
    page.once('dialog', (d) => {
      expect(d.message()).toContain(receiver.url);
      void d.accept();
    });
    await item.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('heading', { name: 'No webhook endpoints' })).toBeVisible();
    await expect(page.getByTestId('endpoint-count')).toHaveText('0 of 5');
  } finally {
    await receiver.close();
  }
});

test('an endpoint that is down: the retries show in the delivery log at their instants on the test clock; once it answers, delivered once and never again', async ({ page, browser, baseURL }) => {
  const receiver = await startReceiver();
  try {
    const [c] = await createDevCustomers(browser, baseURL!, [{ priceBookId: 'trtc-2024-usd', registeredAt: '2024-10-01T00:00:00+08:00', balance: '100', testClock: true, name: 'Outage Co' }]);
    await signIn(page, c!.login.email, c!.login.password);
    const secret = await addEndpointThroughPage(page, receiver.url);
    receiver.answer(503);
    const advance = async (to: string) => {
      const r = await page.request.post(`/api/dev/clocks/${c!.accountId}/advance`, { headers: { origin: baseURL! }, data: { to: `${to}+08:00` } });
      expect(r.status(), await r.text()).toBe(200);
    };

    // A threshold above the balance: the alert is written at once (2024-10-01 00:00 on the clock), and its webhook fails.
    await page.goto('/balance');
    await page.getByLabel('Alert below (USD)').fill('150');
    await page.getByRole('button', { name: 'Save alert' }).click();
    await expect(page.getByTestId('balance-alert-form').getByRole('status')).toContainText('it is below now');
    await advance('2024-10-01T00:30:00');
    const firstId = receiver.received[0]!.headers['webhook-id']!;
    expect(firstId).toMatch(/^msg_notice_\d+$/);
    const tries = receiver.received.filter((h) => h.headers['webhook-id'] === firstId);
    expect(tries.length).toBeGreaterThanOrEqual(3);
    for (const t of tries) expect(new Webhook(secret).verify(t.body, t.headers)).toMatchObject({ type: 'balance.below_threshold' });

    await page.goto('/settings/webhooks');
    await page.getByRole('link', { name: 'Delivery log' }).click();
    // The alert's row (its daily reminders get rows of their own later).
    const row = page.getByTestId('delivery-row').filter({ hasText: new RegExp(`${firstId}(?!\\d)`) });
    await expect(row).toContainText('pending');
    await expect(row).toContainText(/next 2024-10-01 \d\d:\d\d/);
    await expect(row.getByRole('cell', { name: String(tries.length), exact: true })).toBeVisible();
    await row.getByText(`Show the ${tries.length} attempts`).click();
    await expect(row.getByRole('listitem')).toHaveCount(tries.length);
    await expect(row.getByRole('listitem').first()).toContainText('#1 2024-10-01 00:00 (UTC+8) · failed · 503');
    await expect(row.getByRole('listitem').nth(1)).toContainText('#2 2024-10-01 00:01 (UTC+8) · failed · 503');
    await keepScreenshot(page, { path: 'test-results/screens/settings-webhook-retries-1360.png', fullPage: true });

    // Up again: the next retry delivers it; later advances never send it again.
    receiver.answer(200);
    await advance('2024-10-01T03:00:00');
    await advance('2024-10-04T03:00:00');
    const all = receiver.received.filter((h) => h.headers['webhook-id'] === firstId);
    expect(all).toHaveLength(tries.length + 1);
    await page.reload();
    await expect(row).toContainText('delivered');
    await expect(row.getByRole('cell', { name: String(tries.length + 1), exact: true })).toBeVisible();
    await row.getByText(`Show the ${tries.length + 1} attempts`).click();
    await expect(row.getByRole('listitem').last()).toContainText('ok · 200');
  } finally {
    await receiver.close();
  }
});
