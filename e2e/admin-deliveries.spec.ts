import { eq } from 'drizzle-orm';
import { expect, test } from './fixtures-test';
import { noticeDeliveries, notifications, users } from '../db/schema';
import { DEMO, e2eDb } from './fixtures';
import { signInAs } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

test('the admin account page lists the account’s deliveries with status, attempts, last result and latency', async ({ page }) => {
  const { db } = e2eDb();
  const [owner] = await db.select().from(users).where(eq(users.email, DEMO.customer.email));
  const accountId = owner!.accountId!;
  const at = new Date('2024-10-02T00:00:00+08:00');
  const [n] = await db.insert(notifications).values({ accountId, kind: 'bill.monthly', subject: 'e2e-deliveries', occasion: 'e2e', title: 'Monthly bill', body: 'x', at }).returning();
  await db.insert(noticeDeliveries).values([
    { accountId, notificationId: n!.id, channel: 'email', target: 'email', eventType: 'bill.monthly', messageId: 'notice-e2e', payload: { to: ['ap@example.test'] }, status: 'delivered', attempts: 3, nextAttemptAt: at, giveUpAt: at, lastStatusCode: 250, lastLatencyMs: 41, createdAt: at },
    { accountId, notificationId: n!.id, channel: 'webhook', target: 'webhook:e2e', eventType: 'bill.monthly', messageId: 'msg_e2e', payload: {}, status: 'failed', attempts: 11, nextAttemptAt: at, giveUpAt: at, lastStatusCode: 500, lastError: 'HTTP 500 Internal Server Error', lastLatencyMs: 12, createdAt: at },
  ]);
  await signInAs(page, 'admin');
  await page.goto(`/admin/accounts/${accountId}`);
  const table = page.getByTestId('deliveries');
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /email → ap@example.test.*delivered.*3.*250.*41 ms/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /webhook.*failed.*11.*500 · HTTP 500.*12 ms/ })).toBeVisible();
  await expect(page.getByTestId('email-off')).toHaveCount(0);
  await table.scrollIntoViewIfNeeded();
  await keepScreenshot(page, { path: 'test-results/screens/admin-deliveries.png', fullPage: true });
});
