import fs from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { and, desc, eq } from 'drizzle-orm';
import { accounts, applications, bills, users, webhookEndpoints } from '../db/schema';
import { DEMO, e2eDb, signIn } from './fixtures';
import { addEndpointThroughPage } from './fixtures-notices';

/**
 * Every page of the console (issue 14, Done when: "the language switch on every page",
 * "screenshots of every page at both widths, in both languages"): its route, who looks at
 * it (signed out, the demo customer, the demo admin), its address with real ids for the
 * dynamic routes (the demo data's application, bill and account, a webhook endpoint added
 * through the page), and the message namespace its heading comes from.
 *
 * A page file without an entry here fails `pageRoutes` checks in the specs that use it.
 */
export type Role = 'anonymous' | 'customer' | 'admin';
export type PagesCtx = { accountId: string; sdkAppId: number; billId: string; endpointId: number };
export type PageEntry = {
  role: Role;
  url: (c: PagesCtx) => string;
  /** The namespace that words the page's heading (lib/i18n/messages/index.ts). */
  ns: string;
  /** The page's main heading when its h1 is data (a name): the first h2 of <main>. */
  heading?: 'h2';
};

export const PAGES: Record<string, PageEntry> = {
  '/': { role: 'anonymous', url: () => '/', ns: 'auth' },
  '/sign-in': { role: 'anonymous', url: () => '/sign-in', ns: 'auth' },
  '/sign-up': { role: 'anonymous', url: () => '/sign-up', ns: 'auth' },
  '/sign-up/check-email': { role: 'anonymous', url: () => '/sign-up/check-email', ns: 'auth' },
  '/forgot-password': { role: 'anonymous', url: () => '/forgot-password', ns: 'auth' },
  '/reset-password': { role: 'anonymous', url: () => '/reset-password?token=' + 'x'.repeat(43), ns: 'auth' },
  '/verify-email': { role: 'anonymous', url: () => '/verify-email?token=' + 'x'.repeat(43), ns: 'auth' },
  '/account/password': { role: 'customer', url: () => '/account/password', ns: 'account' },
  '/account/security': { role: 'customer', url: () => '/account/security', ns: 'account' },
  '/overview': { role: 'customer', url: () => '/overview', ns: 'overview' },
  '/applications': { role: 'customer', url: () => '/applications', ns: 'applications' },
  '/applications/[sdkAppId]': { role: 'customer', url: (c) => `/applications/${c.sdkAppId}`, ns: 'applications', heading: 'h2' },
  '/balance': { role: 'customer', url: () => '/balance', ns: 'balance' },
  '/bills': { role: 'customer', url: () => '/bills', ns: 'bills' },
  '/bills/[id]': { role: 'customer', url: (c) => `/bills/${c.billId}`, ns: 'bills' },
  '/calculator': { role: 'customer', url: () => '/calculator', ns: 'calculator' },
  '/notices': { role: 'customer', url: () => '/notices', ns: 'messageCenter' },
  '/packages': { role: 'customer', url: () => '/packages', ns: 'packages' },
  '/packages/buy': { role: 'customer', url: () => '/packages/buy', ns: 'packages' },
  '/settings/notifications': { role: 'customer', url: () => '/settings/notifications', ns: 'settings' },
  '/settings/webhooks': { role: 'customer', url: () => '/settings/webhooks', ns: 'settings' },
  '/settings/webhooks/[endpointId]': { role: 'customer', url: (c) => `/settings/webhooks/${c.endpointId}`, ns: 'settings' },
  '/usage': { role: 'customer', url: () => '/usage', ns: 'usage' },
  '/dev': { role: 'admin', url: (c) => `/dev?account=${c.accountId}`, ns: 'dev' },
  '/dev/mail': { role: 'admin', url: () => '/dev/mail', ns: 'dev' },
  '/admin': { role: 'admin', url: () => '/admin', ns: 'admin' },
  '/admin/accounts': { role: 'admin', url: () => '/admin/accounts', ns: 'admin' },
  '/admin/accounts/new': { role: 'admin', url: () => '/admin/accounts/new', ns: 'admin' },
  '/admin/accounts/[accountId]': { role: 'admin', url: (c) => `/admin/accounts/${c.accountId}`, ns: 'admin', heading: 'h2' },
  '/admin/audit': { role: 'admin', url: () => '/admin/audit', ns: 'admin' },
  '/admin/jobs': { role: 'admin', url: () => '/admin/jobs', ns: 'admin' },
  '/admin/refunds': { role: 'admin', url: () => '/admin/refunds', ns: 'admin' },
  '/admin/suspensions': { role: 'admin', url: () => '/admin/suspensions', ns: 'admin' },
};

/** Route of each app/**\/page.tsx: route groups `(x)` dropped. */
export function pageRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string, parts: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? parts : [...parts, e.name]);
      else if (e.name === 'page.tsx') out.push('/' + parts.join('/'));
    }
  };
  walk(path.join(process.cwd(), 'app'), []);
  return out.sort();
}

/** A file-name-safe name of a route: `/admin/accounts/[accountId]` → `admin-accounts-accountId`, `/` → `root`. */
export function routeSlug(route: string): string {
  return route.replace(/[[\]]/g, '').replace(/^\/+/, '').replace(/\/+/g, '-') || 'root';
}

const STATE_DIR = path.join('test-results', 'pages-state');
export const stateFile = (role: Exclude<Role, 'anonymous'>) => path.join(STATE_DIR, `${role}.json`);

/**
 * Signs the demo admin and the demo customer in (storage states for new contexts), and finds
 * the demo data's ids: the customer's account, its first application, its newest bill (the
 * worker settles the demo's 60 days of usage on start), and a webhook endpoint (added through
 * the page once). Kept in test-results for a worker restarted after a failure.
 */
export async function preparePages(browser: Browser): Promise<PagesCtx> {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const saved = path.join(STATE_DIR, 'ctx.json');
  const { db } = e2eDb();
  if (fs.existsSync(saved) && fs.existsSync(stateFile('admin')) && fs.existsSync(stateFile('customer'))) {
    const old = JSON.parse(fs.readFileSync(saved, 'utf8')) as PagesCtx;
    const [a] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, old.accountId));
    const [ep] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, old.endpointId));
    if (a && ep) return old;
  }
  await saveState(browser, 'admin', DEMO.admin).then((p) => p.context().close());
  const page = await saveState(browser, 'customer', DEMO.customer);
  const [owner] = await db.select({ accountId: users.accountId }).from(users).where(eq(users.email, DEMO.customer.email));
  const accountId = owner!.accountId!;
  const [app] = await db.select({ sdkAppId: applications.sdkAppId }).from(applications).where(eq(applications.accountId, accountId)).orderBy(applications.sdkAppId).limit(1);
  let billId: string | undefined;
  await expect
    .poll(
      async () => {
        const [bill] = await db.select({ id: bills.id }).from(bills).where(eq(bills.accountId, accountId)).orderBy(desc(bills.id)).limit(1);
        billId = bill ? String(bill.id) : undefined;
        return billId;
      },
      { message: 'the worker settles the demo usage into bills', timeout: 180_000, intervals: [2_000] },
    )
    .toBeTruthy();
  const endpoint = async () => (await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.accountId, accountId))).limit(1))[0];
  if (!(await endpoint())) await addEndpointThroughPage(page, 'https://hooks.example.com/console-pages', 'Pages endpoint');
  const ctx: PagesCtx = { accountId, sdkAppId: Number(app!.sdkAppId), billId: billId!, endpointId: Number((await endpoint())!.id) };
  await page.context().close();
  fs.writeFileSync(saved, JSON.stringify(ctx));
  return ctx;
}

async function saveState(browser: Browser, role: 'admin' | 'customer', login: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, login.email, login.password);
  await context.storageState({ path: stateFile(role) });
  return page;
}
