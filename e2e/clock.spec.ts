import { expect, test } from '@playwright/test';
import { DEMO, signIn, signOut, signUpCustomer } from './fixtures';
import { accountIdOf, createAppDirect } from './fixtures-dev';

test.describe.configure({ timeout: 180_000 });

test('developer API: own account only, never back, advance answers with what ran; the pages show it', async ({ page, browser }) => {
  const me = await signUpCustomer(page, { name: 'Clock Customer' });
  const accountId = await accountIdOf(me.email);
  const app = await createAppDirect(accountId, { name: 'Clock App', edition: 'lite' });

  // Another account's clock: not found, exactly like a missing account.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const stranger = await signUpCustomer(otherPage, { name: 'Stranger' });
  const strangerId = await accountIdOf(stranger.email);
  await other.close();
  expect((await page.request.get(`/api/dev/clocks/${strangerId}`)).status()).toBe(404);
  expect((await page.request.post(`/api/dev/clocks/${strangerId}`, { data: {} })).status()).toBe(404);

  const attach = await page.request.post(`/api/dev/clocks/${accountId}`, { data: { startAt: '2030-03-10T00:00:00+08:00' } });
  expect(attach.status()).toBe(201);
  expect(await attach.json()).toMatchObject({ clock: { now: '2030-03-09T16:00:00.000Z' } });
  expect((await page.request.post(`/api/dev/clocks/${accountId}`, { data: {} })).status()).toBe(409);

  const usage = await page.request.post(`/api/dev/accounts/${accountId}/usage`, { data: { sdkAppId: app.sdkAppId, sessions: 20, spanMinutes: 120 } });
  expect(usage.status()).toBe(201);

  const back = await page.request.post(`/api/dev/clocks/${accountId}/advance`, { data: { to: '2030-03-09T00:00:00+08:00' } });
  expect(back.status()).toBe(400);
  expect((await back.json()).error.message).toContain('only moves forward');
  expect((await page.request.post(`/api/dev/clocks/${accountId}/advance`, { data: { by: { days: 1 }, nextJob: true } })).status()).toBe(400);

  const day = await page.request.post(`/api/dev/clocks/${accountId}/advance`, { data: { by: { days: 1 } } });
  expect(day.status()).toBe(200);
  const ran = await day.json();
  expect(ran.clock).toBe('2030-03-10T16:00:00.000Z');
  expect(ran.ran.map((r: { kind: string }) => r.kind)).toEqual(['free-minutes', 'settle']);
  expect(ran.ran[1].result).toMatchObject({ outcome: 'billed', kind: 'daily' });

  const state = await (await page.request.get(`/api/dev/clocks/${accountId}`)).json();
  expect(state).toMatchObject({ now: '2030-03-10T16:00:00.000Z', clock: { now: '2030-03-10T16:00:00.000Z' } });
  expect(state.upcoming[0]).toMatchObject({ kind: 'settle', runAt: '2030-03-11T16:00:00.000Z' });

  await page.goto('/dev');
  await expect(page.getByTestId('clock-time')).toHaveText('2030-03-11 00:00');
  await expect(page.getByTestId('timeline')).toContainText('Daily settlement');
  await expect(page.getByTestId('upcoming-jobs')).toContainText('Daily settlement');
  await page.screenshot({ path: test.info().outputPath('dev-tools.png'), fullPage: true });

  // Admin: the job runs page lists the runs, sortable and paged.
  await signOut(page);
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto('/admin/jobs');
  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
  await expect(page.getByTestId('job-runs')).toContainText('Clock Customer');
  await page.getByTestId('job-runs').getByRole('link', { name: /^Job/ }).click();
  await expect(page).toHaveURL(/sort=kind/);
  await page.screenshot({ path: test.info().outputPath('admin-jobs.png'), fullPage: true });

  // An admin may pick any account on the developer page.
  await page.goto(`/dev?account=${accountId}`);
  await expect(page.getByTestId('clock-time')).toHaveText('2030-03-11 00:00');
});
