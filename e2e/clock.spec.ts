import { expect, test } from './fixtures-test';
import { signOut } from './fixtures';
import { accountIdOf, createAppDirect } from './fixtures-dev';
import { newCustomer, signInAs } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
test.describe.configure({ timeout: 180_000 });

test('developer API: own account only, never back, advance answers with what ran; the pages show it', async ({ page, browser, baseURL }) => {
  // Mutations of the developer API need a same-origin Origin, as a browser sends (issue 13 item 8).
  const origin = { origin: baseURL! };
  const me = await newCustomer(page, { name: 'Clock Customer' });
  const accountId = await accountIdOf(me.email);
  const app = await createAppDirect(accountId, { name: 'Clock App', edition: 'lite' });

  // Another account's clock: not found, exactly like a missing account.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const stranger = await newCustomer(otherPage, { name: 'Stranger' });
  const strangerId = await accountIdOf(stranger.email);
  await other.close();
  expect((await page.request.get(`/api/dev/clocks/${strangerId}`)).status()).toBe(404);
  expect((await page.request.post(`/api/dev/clocks/${strangerId}`, { headers: origin, data: {} })).status()).toBe(404);

  // The next local midnight after now (the account was registered just now).
  const midnight = new Date(Math.ceil((Date.now() + 8 * HOUR) / DAY) * DAY - 8 * HOUR);
  const at = (ms: number) => new Date(midnight.getTime() + ms).toISOString();
  const attach = await page.request.post(`/api/dev/clocks/${accountId}`, { headers: origin, data: { startAt: midnight.toISOString() } });
  expect(attach.status()).toBe(201);
  expect(await attach.json()).toMatchObject({ clock: { now: at(0) } });
  expect((await page.request.post(`/api/dev/clocks/${accountId}`, { headers: origin, data: {} })).status()).toBe(409);

  const usage = await page.request.post(`/api/dev/accounts/${accountId}/usage`, { headers: origin, data: { sdkAppId: app.sdkAppId, sessions: 20, spanMinutes: 120 } });
  expect(usage.status()).toBe(201);

  const back = await page.request.post(`/api/dev/clocks/${accountId}/advance`, { headers: origin, data: { to: at(-HOUR) } });
  expect(back.status()).toBe(400);
  expect((await back.json()).error.message).toContain('only moves forward');
  expect((await page.request.post(`/api/dev/clocks/${accountId}/advance`, { headers: origin, data: { by: { days: 1 }, nextJob: true } })).status()).toBe(400);

  const day = await page.request.post(`/api/dev/clocks/${accountId}/advance`, { headers: origin, data: { by: { days: 1 } } });
  expect(day.status()).toBe(200);
  const ran = await day.json();
  expect(ran.clock).toBe(at(DAY));
  // The registration day's free minutes and settlement (due at the clock's start), then the first clock day.
  const kinds = ran.ran.map((r: { key: string; kind: string }) => r.kind);
  expect(kinds.filter((k: string) => k === 'settle')).toHaveLength(2);
  expect(ran.ran.at(-1)).toMatchObject({ kind: 'settle', result: { outcome: 'billed', kind: 'daily' } });

  const state = await (await page.request.get(`/api/dev/clocks/${accountId}`)).json();
  expect(state).toMatchObject({ now: at(DAY), clock: { now: at(DAY) } });
  expect(state.upcoming[0]).toMatchObject({ kind: 'settle', runAt: at(2 * DAY) });

  await page.goto('/dev');
  await expect(page.getByTestId('clock-time')).toHaveText(/ 00:00$/);
  await expect(page.getByTestId('timeline')).toContainText('Daily settlement');
  await expect(page.getByTestId('upcoming-jobs')).toContainText('Daily settlement');
  await keepScreenshot(page, { path: test.info().outputPath('dev-tools.png'), fullPage: true });

  // Admin: the job runs page lists the runs, sortable and paged.
  await signOut(page);
  await signInAs(page, 'admin');
  await page.goto('/admin/jobs');
  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
  await expect(page.getByTestId('job-runs')).toContainText('Clock Customer');
  await page.getByTestId('job-runs').getByRole('link', { name: /^Job/ }).click();
  await expect(page).toHaveURL(/sort=kind/);
  await keepScreenshot(page, { path: test.info().outputPath('admin-jobs.png'), fullPage: true });

  // An admin may pick any account on the developer page.
  await page.goto(`/dev?account=${accountId}`);
  await expect(page.getByTestId('clock-time')).toHaveText(/ 00:00$/);
});
