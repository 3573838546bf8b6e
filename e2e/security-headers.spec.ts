import { expect, test, type Page } from './fixtures-test';
import { eq } from 'drizzle-orm';
import { testClocks } from '../db/schema';
import { DEMO, e2eDb, signIn, signUpCustomer } from './fixtures';
import { accountIdOf } from './fixtures-dev';
import { newCustomer } from './fixtures-auth';
import { keepScreenshot } from './fixtures-shots';

/**
 * Issue 13 item 4: security headers on every page and route handler, a per-request CSP
 * nonce that Next's own scripts carry, and pages that still work under it in Chromium
 * (no CSP violation, React hydrated). Item 8: a cross-origin text/plain POST to the
 * developer API is refused and moves nothing.
 */
const STATIC = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  for (const [k, v] of Object.entries(STATIC)) expect(headers[k], `${k} on ${where}`).toBe(v);
  expect(headers['permissions-policy'], `Permissions-Policy on ${where}`).toContain('camera=()');
  expect(headers['content-security-policy'], `CSP on ${where}`).toContain("frame-ancestors 'none'");
  // APP_ENV=test: no HSTS (production only; lib/http/security-headers.test.ts and proxy.test.ts check it there).
  expect(headers['strict-transport-security'], `HSTS on ${where}`).toBeUndefined();
}

/** Collects CSP violations (reported to the page and to the console) from the first script on. */
async function watchCsp(page: Page) {
  const messages: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) messages.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...messages, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

async function expectHydrated(page: Page) {
  // React attaches its fiber to hydrated DOM nodes: the page's scripts ran under the CSP.
  await expect.poll(() => page.evaluate(() => Object.keys(document.body.firstElementChild ?? {}).some((k) => k.startsWith('__react')))).toBe(true);
}

test('every page and route answers with the security headers; the CSP nonce is new per request and on Next’s scripts', async ({ page, request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  expectSecurityHeaders(first.headers(), '/sign-in');
  const nonceOf = (csp: string) => csp.match(/'nonce-([^']+)'/)?.[1];
  const nonce = nonceOf(first.headers()['content-security-policy']!);
  expect(nonce).toBeTruthy();
  expect(nonceOf(second.headers()['content-security-policy']!)).not.toBe(nonce);
  expect(first.headers()['content-security-policy']).not.toContain('unsafe-eval');
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s, 'every script carries the nonce').toContain(`nonce="${nonce}"`);

  // Redirects, 404s, route handlers (JSON, refused uploads), build assets.
  const anonymous = await request.get('/overview', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  expectSecurityHeaders(anonymous.headers(), 'the sign-in redirect');
  expectSecurityHeaders((await request.get('/no-such-page')).headers(), 'a 404 page');
  expectSecurityHeaders((await request.get('/api/dev/clocks/00000000-0000-0000-0000-000000000000')).headers(), 'GET /api/dev/clocks');
  expectSecurityHeaders((await request.post('/api/v1/usage', { data: '[]' })).headers(), 'POST /api/v1/usage');
  expectSecurityHeaders((await request.post('/usage/import', { data: '[]' })).headers(), 'POST /usage/import');
  expectSecurityHeaders((await request.get('/api/ledger/export')).headers(), 'GET /api/ledger/export');
  const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const assetHeaders = (await request.get(asset!)).headers();
  expect(assetHeaders['x-content-type-options']).toBe('nosniff');
  expect(assetHeaders['x-frame-options']).toBe('DENY');

  // Framing is refused by the browser itself.
  await page.setContent(`<iframe id="f" src="${new URL('/sign-in', first.url()).toString()}" width="600" height="400"></iframe>`);
  await page.waitForTimeout(1500);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  expect(await framed?.locator('input[name="email"]').count().catch(() => 0)).toBe(0);
});

test('pages work under the CSP in Chromium: no violation, React hydrated (customer and admin)', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const violations = await watchCsp(page);
  await page.goto('/sign-in');
  await expectHydrated(page);
  await signUpCustomer(page, { name: 'CSP Customer' });
  for (const path of ['/overview', '/applications', '/packages', '/packages/buy', '/balance', '/usage', '/bills', '/calculator', '/dev']) {
    const r = await page.goto(path);
    expect(r?.status(), path).toBe(200);
    await expectHydrated(page);
  }
  await keepScreenshot(page, { path: test.info().outputPath('csp-dev-page.png'), fullPage: true });
  expect(await violations()).toEqual([]);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminViolations = await watchCsp(admin);
  await signIn(admin, DEMO.admin.email, DEMO.admin.password);
  for (const path of ['/admin', '/admin/accounts', '/admin/refunds', '/admin/suspensions', '/admin/jobs', '/admin/audit']) {
    const r = await admin.goto(path);
    expect(r?.status(), path).toBe(200);
    await expectHydrated(admin);
  }
  await keepScreenshot(admin, { path: test.info().outputPath('csp-admin-accounts.png'), fullPage: true });
  expect(await adminViolations()).toEqual([]);
  await adminContext.close();
});

test('developer API: a cross-origin text/plain advance is refused and moves nothing; the console’s own request works', async ({ page, baseURL }) => {
  const me = await newCustomer(page, { name: 'CSRF Target' });
  const accountId = await accountIdOf(me.email);
  const attach = await page.request.post(`/api/dev/clocks/${accountId}`, { headers: { origin: baseURL! }, data: {} });
  expect(attach.status()).toBe(201);
  const { db } = e2eDb();
  const clockNow = async () => (await db.select().from(testClocks).where(eq(testClocks.accountId, accountId)))[0]!.now.toISOString();
  const before = await clockNow();

  const csrf = await page.request.post(`/api/dev/clocks/${accountId}/advance`, {
    headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
    data: JSON.stringify({ by: { days: 3 } }),
  });
  expect(csrf.status()).toBe(415);
  expect((await csrf.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  const foreignJson = await page.request.post(`/api/dev/clocks/${accountId}/advance`, { headers: { origin: 'https://evil.example' }, data: { by: { days: 3 } } });
  expect(foreignJson.status()).toBe(403);
  const noOrigin = await page.request.post(`/api/dev/clocks/${accountId}/advance`, { data: { by: { days: 3 } } });
  expect(noOrigin.status()).toBe(403);
  expect(await clockNow()).toBe(before);

  // A form on another site posting text/plain with the victim's cookies (what the issue reproduced).
  await page.setContent(`<form id="f" method="POST" enctype="text/plain" action="${baseURL}/api/dev/clocks/${accountId}/advance"><input name='{"by":{"days":3},"x":"' value='"}'></form>`);
  await Promise.all([page.waitForEvent('load'), page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit())]);
  expect(await clockNow()).toBe(before);

  const ok = await page.request.post(`/api/dev/clocks/${accountId}/advance`, { headers: { origin: baseURL! }, data: { by: { hours: 1 } } });
  expect(ok.status()).toBe(200);
  expect(await clockNow()).not.toBe(before);
});
