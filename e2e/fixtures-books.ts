import fs from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';
import { rolePage, signInByApi } from './fixtures-auth';
import { parseCsv, sendUsage } from './fixtures-usage';

/** Helpers for the walks through the seed price books (issue 12). */

/** Mutations of the developer API need a same-origin Origin, as a browser sends (issue 13 item 8). */
export const SAME_ORIGIN = { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` };

export type TestCustomer = { accountId: string; login: { email: string; password: string }; application: { sdkAppId: number; secretKey: string } };

/** POST /api/dev/accounts as the signed-in admin (docs/dev-api.md). */
export async function createTestCustomer(admin: Page, body: Record<string, unknown>): Promise<TestCustomer> {
  const res = await admin.request.post('/api/dev/accounts', { headers: SAME_ORIGIN, data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as TestCustomer;
}

/** The demo admin's own browser, signed in (the run's stored state, e2e/fixtures-auth.ts). */
export async function adminPage(browser: Browser): Promise<Page> {
  return rolePage(browser, 'admin');
}

/** The owner's own browser (its own cookies), signed in (Auth.js' credentials endpoint, not the form), on its landing page. */
export async function ownerPage(browser: Browser, login: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInByApi(page, login.email, login.password);
  await page.goto('/');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && url.pathname !== '/');
  return page;
}

export async function sendSigned(page: Page, app: { sdkAppId: number; secretKey: string }, records: object[]) {
  const r = await sendUsage(page.request, app, JSON.stringify(records));
  expect(r.status, JSON.stringify(r.json)).toBe(201);
}

/** Advance the account's test clock through the developer API; answers when the due jobs have run. */
export async function advanceClock(page: Page, accountId: string, to: string) {
  const post = () => page.request.post(`/api/dev/clocks/${accountId}/advance`, { headers: SAME_ORIGIN, data: { to }, timeout: 120_000 });
  // A kept-alive socket the server closed while idle answers ECONNRESET before the request is read;
  // advancing `to` an instant is safe to send again (the clock is already there or moves there once).
  const r = await post().catch((e: Error) => (/ECONNRESET/.test(e.message) ? post() : Promise.reject(e)));
  expect(r.status(), await r.text()).toBe(200);
}

/** Opens the bill of `period` from the bills list. */
export async function openBill(page: Page, period: string) {
  await page.goto('/bills');
  const row = page.getByTestId('bills-table').getByRole('row').filter({ has: page.getByRole('cell', { name: period, exact: true }) });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: /^B\d+$/ }).click();
  await expect(page.getByRole('heading', { name: /^Bill B\d+/ })).toBeVisible();
}

/** Expands the line of `item` and returns its explanation. */
export async function expandLine(page: Page, item: string) {
  const line = page.locator(`[data-testid=bill-line][data-item="${item}"]`);
  await line.locator(':scope > summary').click();
  const explanation = line.getByTestId('line-explanation');
  await expect(explanation).toBeVisible();
  return { line, explanation };
}

/** The bill's CSV download: its lines are the page's lines, its AMOUNT and TOTAL the page's, to the cent. */
export async function expectCsvMatchesPage(page: Page, currencySymbol: string) {
  const pageTotal = (await page.getByTestId('bill-total').textContent())!.replace(currencySymbol, '').replace(/,/g, '');
  const pageAmount = (await page.getByTestId('bill-amount').textContent())!.trim();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bill-csv').click()]);
  const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
  const lines = csv.filter((r) => r.item !== 'AMOUNT' && r.item !== 'TOTAL');
  expect(lines.length).toBe(await page.getByTestId('bill-line').count());
  expect(csv.find((r) => r.item === 'TOTAL')?.amount).toBe(pageTotal);
  expect(csv.find((r) => r.item === 'AMOUNT')?.amount).toBe(pageAmount);
  return { csv, lines, total: pageTotal };
}
