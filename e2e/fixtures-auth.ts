import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';
import { accounts, users } from '../db/schema';
import { PRICE_BOOK_BY_CURRENCY } from '../lib/accounts/schemas';
import { hashPassword } from '../lib/auth/password';
import { E2E_LANGUAGE_COOKIE, E2E_SCRYPT_LOG_N } from '../playwright.config';
import { DEMO, e2eDb, signIn } from './fixtures';

/**
 * Signed-in browsers without the sign-in form (issue 15: tests that take minutes).
 *
 * - The demo admin and the demo customer sign in ONCE per run, through the form, in
 *   e2e/global.setup.ts; their cookies are kept in e2e/.auth/<port>/<role>.json (git-ignored,
 *   rewritten every run: the database and so the sessions are fresh per run). A spec that
 *   needs one of them signed in uses `signInAs(page, role)` or `rolePage(browser, role)`.
 *   Never sign such a stored session out or end it (a spec that tests sign-out signs in
 *   through the form itself: `signIn` in e2e/fixtures.ts).
 * - `newCustomer(page)` is what `signUpCustomer` leaves behind (a confirmed customer with no
 *   application and a zero balance, signed in on /overview) without the sign-up, mailbox and
 *   confirmation pages: for specs that do not test signing up. A spec that tests signing up
 *   keeps `signUpCustomer`.
 * - Every stored state carries the English language cookie of playwright.config.ts.
 */
export type Role = keyof typeof DEMO;

const PORT = process.env.E2E_PORT ?? '3100';
export const AUTH_DIR = path.join('e2e', '.auth', PORT);

/** The stored browser state of `role` (written by e2e/global.setup.ts). */
export function authFile(role: Role): string {
  return path.join(AUTH_DIR, `${role}.json`);
}

type StoredState = { cookies: { name: string; value: string; domain: string; path: string }[]; origins: unknown[] };

function storedState(role: Role): StoredState {
  const file = authFile(role);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: e2e/global.setup.ts writes it (the "setup" project runs before the specs).`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredState;
}

/** Sign `role` in through the form and keep the browser's state for the run (e2e/global.setup.ts). */
export async function saveRoleState(browser: Browser, role: Role): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO[role].email, DEMO[role].password);
  const state = await context.storageState();
  // English, whatever the account's language (the same cookie as playwright.config.ts' default state).
  state.cookies = [...state.cookies.filter((c) => c.name !== E2E_LANGUAGE_COOKIE.name), E2E_LANGUAGE_COOKIE];
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  fs.writeFileSync(authFile(role), JSON.stringify(state, null, 2));
  await context.close();
}

/**
 * `page` signed in as the demo `role` from the stored state (no sign-in form), on the page a
 * sign-in lands on (as `signIn` leaves it).
 */
export async function signInAs(page: Page, role: Role): Promise<void> {
  const { cookies } = storedState(role);
  await page.context().addCookies(cookies.map((c) => ({ ...c })) as Parameters<ReturnType<Page['context']>['addCookies']>[0]);
  await page.goto('/');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && url.pathname !== '/');
}

/** A new browser (its own context) signed in as the demo `role`. */
export async function rolePage(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

/**
 * Sign in without the form: Auth.js' credentials endpoint, as the form's action calls it
 * (the same password check, throttle and server-side session). The cookies land in `page`'s context.
 */
export async function signInByApi(page: Page, email: string, password: string): Promise<void> {
  const csrf = await page.request.get('/api/auth/csrf');
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, callbackUrl: '/' }, maxRedirects: 0 });
  expect(res.status(), `sign-in of ${email}`).toBe(302);
  const location = res.headers()['location'] ?? '';
  expect(location, `sign-in of ${email} refused`).not.toMatch(/error=|\/sign-in/);
}

export const NEW_CUSTOMER_PASSWORD = 'e2e-password-123';
// One real hash per worker at the e2e server's test cost (playwright.config.ts E2E_SCRYPT_LOG_N,
// honoured with APP_ENV=test): the sign-in still checks it, without most of a second of scrypt.
let passwordHash: Promise<string> | undefined;
function testCostHash(password: string): Promise<string> {
  process.env.APP_ENV ??= 'test';
  process.env.SCRYPT_LOG_N_FOR_TESTS ??= E2E_SCRYPT_LOG_N;
  return hashPassword(password);
}

/**
 * A new customer as `signUpCustomer` leaves one (e2e/fixtures.ts): an account of its own in the
 * chosen currency (USD unless asked) on that currency's price book, registered now, address
 * confirmed, no application, zero balance; signed in on `page`, which is on /overview.
 * The two rows the sign-up writes (lib/accounts/service.ts createCustomerAccount: the account
 * and its owner) are written here in one transaction — the service itself is not imported,
 * since its imports reach JSON message files that Playwright's loader will not import — and
 * the owner signs in through Auth.js.
 */
export async function newCustomer(page: Page, options: { name?: string; currency?: 'USD' | 'CNY' } = {}) {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.test`;
  const password = NEW_CUSTOMER_PASSWORD;
  passwordHash ??= testCostHash(password);
  const hash = await passwordHash;
  const name = options.name ?? 'E2E Customer';
  const currency = options.currency ?? 'USD';
  const now = new Date();
  const accountId = await e2eDb().db.transaction(async (tx) => {
    const [account] = await tx
      .insert(accounts)
      .values({ name, currency, priceBookId: PRICE_BOOK_BY_CURRENCY[currency], registeredAt: now, monthlyFreeMinutes: true })
      .returning({ id: accounts.id });
    await tx.insert(users).values({ email, name, passwordHash: hash, role: 'customer', accountId: account!.id, emailVerifiedAt: now });
    return account!.id;
  });
  await signInByApi(page, email, password);
  await page.goto('/overview');
  await expect(page).toHaveURL(/\/overview/);
  return { email, password, accountId };
}
