import { expect, test, type Browser, type Page } from './fixtures-test';
import { and, eq, isNull } from 'drizzle-orm';
import { applications, users, userSessions } from '../db/schema';
import { confirmEmail, DEMO, e2eDb, emailedLink, signIn, signOut } from './fixtures';
import { newCustomer } from './fixtures-auth';
import { ReusedPages } from './fixtures-reuse';

// Issue 13 items 1, 5, 7 in a real browser. A route stands in for the foreign site so a
// redirect that escaped would be seen (and not wait for DNS).
async function guardForeign(page: Page) {
  await page.route((url) => url.hostname.endsWith('evil.example'), (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>EVIL</h1>' }));
}

async function signInFrom(page: Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(DEMO.customer.email);
  await page.getByLabel('Password').fill(DEMO.customer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.waitForLoadState('load');
}

/**
 * A signed-out browser for the redirect tests: one page kept for them (e2e/fixtures-reuse.ts),
 * on about:blank with its cookies put back to the language cookie alone before each, as a new
 * context would have (a new context per sign-in cost Chromium a context and a renderer each time; issue 15).
 */
const signedOut = new ReusedPages({ leaveDocument: true });
const guarded = new WeakSet<Page>();
test.afterAll(() => signedOut.closeAll());
async function signedOutPage(browser: Browser) {
  const page = await signedOut.get(browser, 'signed-out');
  if (!guarded.has(page)) {
    await guardForeign(page);
    guarded.add(page);
  }
  return page;
}

const CALLBACK_ATTACKS = [
  '/\\evil.example',
  '/\t/evil.example',
  '/../..//evil.example',
  '//evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  'http://evil.example/',
  'https:evil.example',
  'http://127.0.0.1@evil.example/',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  'javascript:alert(document.domain)',
  ' //evil.example',
];

test.describe('open redirect after sign-in (item 1)', () => {
  for (const target of CALLBACK_ATTACKS) {
    test(`callbackUrl ${JSON.stringify(target)} stays on the console`, async ({ browser, baseURL }) => {
      const page = await signedOutPage(browser);
      await signInFrom(page, `/sign-in?callbackUrl=${encodeURIComponent(target)}`);
      const url = new URL(page.url());
      expect(url.origin).toBe(new URL(baseURL!).origin);
      await expect(page.getByRole('heading', { name: 'EVIL' })).toHaveCount(0);
      await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
    });
  }

  // The path forms, typed into the address bar while signed out: the proxy turns
  // them into a callbackUrl; after sign-in the browser must still be on the console.
  for (const path of ['/%09/evil.example', '/../..//evil.example', '/%5Cevil.example', '/%2F%2Fevil.example']) {
    test(`deep link ${path} stays on the console`, async ({ browser, baseURL }) => {
      const page = await signedOutPage(browser);
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in/);
      await page.getByLabel('Email').fill(DEMO.customer.email);
      await page.getByLabel('Password').fill(DEMO.customer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      await page.waitForLoadState('load');
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      await expect(page.getByRole('heading', { name: 'EVIL' })).toHaveCount(0);
    });
  }

  test('a legitimate deep link with a query still works', async ({ browser }) => {
    const page = await signedOutPage(browser);
    await signInFrom(page, `/sign-in?callbackUrl=${encodeURIComponent('/bills?page=1')}`);
    await expect(page).toHaveURL(/\/bills\?page=1$/);
  });

  test("Auth.js' own callback endpoint refuses a foreign callbackUrl too", async ({ request, baseURL }) => {
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    for (const callbackUrl of ['http://evil.example/', '/\\evil.example', '//evil.example']) {
      const res = await request.post('/api/auth/callback/credentials', {
        form: { csrfToken, email: DEMO.customer.email, password: DEMO.customer.password, callbackUrl },
        maxRedirects: 0,
      });
      const location = new URL(res.headers()['location'] ?? '', baseURL);
      // Auth.js answers with its own base URL, which may name the loopback host as localhost.
      expect(['127.0.0.1', 'localhost'], `Location for ${callbackUrl}: ${location}`).toContain(location.hostname);
      expect(location.port).toBe(new URL(baseURL!).port);
      expect(location.href).not.toMatch(/evil\.example/);
    }
  });
});

test.describe('sessions end (item 5)', () => {
  test('a session cookie kept after sign-out opens nothing and creates nothing', async ({ page, context, browser }) => {
    test.setTimeout(240_000); // several browsers and scrypt sign-ins on a shared 2-core machine
    const { email } = await newCustomer(page, { name: 'Kept Cookie Ltd' });
    await page.goto('/applications');
    const kept = await context.cookies();
    expect(kept.some((c) => /authjs\.session-token/.test(c.name))).toBe(true);

    // The form is on screen in a second tab; sign out in the first.
    const tab = await context.newPage();
    await tab.goto('/applications');
    await signOut(page);

    // Put the kept cookie back, as an attacker who copied it would, and submit the open form.
    await context.addCookies(kept);
    await tab.getByLabel('Application name').fill('Sneaky App');
    await tab.getByRole('button', { name: 'Create application' }).click();
    await expect(tab.getByText('Please sign in.')).toBeVisible();
    const { db } = e2eDb();
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(await db.select().from(applications).where(eq(applications.accountId, user!.accountId!))).toHaveLength(0);

    // Pages and route handlers refuse it as well, in a browser that only has the kept cookie.
    const other = await browser.newContext();
    await other.addCookies(kept);
    const p2 = await other.newPage();
    await p2.goto('/overview');
    await expect(p2).toHaveURL(/\/sign-in/);
    expect((await other.request.get('/api/ledger/export')).status()).toBe(401);
    await other.close();
  });

  test('the security page lists sessions and ends another one; a password change ends all', async ({ page, browser }) => {
    test.setTimeout(300_000); // two browsers, five sign-ins and a password change, each scrypt-hashed
    const { email, password } = await newCustomer(page, { name: 'Two Browsers Co' });
    const second = await browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' });
    const p2 = await second.newPage();
    await signIn(p2, email, password);
    await expect(p2).toHaveURL(/\/overview/);

    await page.goto('/account/security');
    const rows = page.getByTestId('session-row');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('sessions-table')).toContainText('This browser');
    await expect(page.getByTestId('sessions-table')).toContainText('Firefox 133 on Windows');
    await expect(page.getByTestId('sessions-table')).toContainText('127.0.0.1');
    await rows.filter({ hasText: 'Firefox' }).getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('That session is signed out.')).toBeVisible();
    await expect(rows).toHaveCount(1);
    await p2.goto('/overview');
    await expect(p2).toHaveURL(/\/sign-in/);

    // Sign the second browser in again, then change the password in the first.
    await signIn(p2, email, password);
    await page.goto('/account/password');
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password').fill('password1234');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText(/too common/)).toBeVisible();
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password').fill('violet-tractor-91-oolong');
    await page.getByRole('button', { name: 'Change password' }).click();
    // Three scrypt hashes (check, new hash, sign-in again): slow on a loaded machine.
    await expect(page).toHaveURL(/\/account\/security\?changed=1/, { timeout: 60_000 });
    await expect(page.getByText('Every other session was signed out')).toBeVisible();
    await expect(rows).toHaveCount(1);
    await p2.goto('/overview');
    await expect(p2).toHaveURL(/\/sign-in/);
    const { db } = e2eDb();
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(await db.select().from(userSessions).where(and(eq(userSessions.userId, user!.id), isNull(userSessions.endedAt)))).toHaveLength(1);
    await second.close();

    // The old password no longer works; the new one does.
    await signOut(page);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
    await signIn(page, email, 'violet-tractor-91-oolong');
    await expect(page).toHaveURL(/\/overview/);
  });
});

test('sign-up answers the same for a taken address and creates nothing (item 7)', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Company or your name').fill('Copycat Ltd');
  await page.getByLabel('Email').fill(DEMO.customer.email);
  await page.getByLabel('Password').fill('violet-tractor-91-oolong');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/sign-up\/check-email/);
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByText(/already exists/)).toHaveCount(0);
  const { db } = e2eDb();
  expect(await db.select().from(users).where(eq(users.email, DEMO.customer.email))).toHaveLength(1);
});

test('an unconfirmed address cannot buy a package until the emailed link is opened (item 7)', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `unconfirmed-${Date.now()}@example.test`;
  const password = 'violet-tractor-91-oolong';
  await page.goto('/sign-up');
  await page.getByLabel('Company or your name').fill('Unconfirmed Co');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/sign-up\/check-email/);
  await signIn(page, email, password);
  await expect(page.getByTestId('verify-email-banner')).toBeVisible();
  await page.getByRole('button', { name: 'Send the link again' }).click();
  await expect(page.getByText('We sent the confirmation link again.')).toBeVisible();
  const { db } = e2eDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  expect(user!.emailVerifiedAt).toBeNull();
  await confirmEmail(page, email);
  await expect(page).toHaveURL(/\/overview/);
  await expect(page.getByTestId('verify-email-banner')).toHaveCount(0);
  const [after] = await db.select().from(users).where(eq(users.email, email));
  expect(after!.emailVerifiedAt).not.toBeNull();
});

test('forgotten password: an emailed one-time link sets a new one and ends every session (item 6)', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { email, password } = await newCustomer(page, { name: 'Forgetful Ltd' });
  const stranger = await browser.newContext();
  const s = await stranger.newPage();
  await s.goto('/sign-in');
  await s.getByRole('link', { name: 'Forgot your password?' }).click();
  // Both pages have an "Email" field: fill the new page's, not the sign-in page still shown during the navigation.
  await expect(s.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await s.getByLabel('Email').fill(email);
  await s.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(s.getByText('If an account uses this address')).toBeVisible();
  // An unknown address gets the very same answer.
  await s.getByLabel('Email').fill('nobody-here@example.test');
  await s.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(s.getByText('If an account uses this address')).toBeVisible();

  const link = await emailedLink(page, email, '/reset-password');
  await s.goto(link);
  await s.getByLabel('New password').fill(email);
  await s.getByRole('button', { name: 'Set new password' }).click();
  await expect(s.getByText('Password must not contain your email address or your name.')).toBeVisible();
  await s.getByLabel('New password').fill('brand-new-passphrase-42');
  await s.getByRole('button', { name: 'Set new password' }).click();
  await expect(s).toHaveURL(/\/sign-in\?reset=1/);
  // The link was single use; the session that was open is over.
  await s.goto(link);
  await expect(s.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await page.goto('/overview');
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(s, email, 'brand-new-passphrase-42');
  await expect(s).toHaveURL(/\/overview/);
  await stranger.close();
  expect(password).not.toBe('brand-new-passphrase-42');
});
