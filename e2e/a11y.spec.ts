import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from './fixtures-test';
import { and, desc, eq } from 'drizzle-orm';
import { accounts, bills, webhookEndpoints } from '../db/schema';
import { DEMO, e2eDb, signIn } from './fixtures';
import { E2E_LANGUAGE_COOKIE } from '../playwright.config';
import { addEndpointThroughPage, createDevCustomers, type DevCustomer } from './fixtures-notices';
import { ReusedPages } from './fixtures-reuse';

/**
 * Accessibility and phone layout on every page (issue 14 items 5 and 6): axe finds no
 * critical or serious violation at 1360 px and at 390 px, and at 390 px the page itself
 * never scrolls sideways (wide tables scroll inside their own labelled region).
 *
 * The list of pages comes from app/**\/page.tsx: a page file without an entry in PAGES
 * fails the first test, so a new page cannot be forgotten.
 */

type Role = 'anonymous' | 'customer' | 'admin';
type Ctx = { customer: DevCustomer; billId: string; endpointId: number };
type Entry = { role: Role; url: (c: Ctx) => string };

const PAGES: Record<string, Entry> = {
  '/': { role: 'anonymous', url: () => '/' },
  '/sign-in': { role: 'anonymous', url: () => '/sign-in' },
  '/sign-up': { role: 'anonymous', url: () => '/sign-up' },
  '/sign-up/check-email': { role: 'anonymous', url: () => '/sign-up/check-email' },
  '/forgot-password': { role: 'anonymous', url: () => '/forgot-password' },
  '/reset-password': { role: 'anonymous', url: () => '/reset-password?token=' + 'x'.repeat(43) },
  '/verify-email': { role: 'anonymous', url: () => '/verify-email?token=' + 'x'.repeat(43) },
  '/account/password': { role: 'customer', url: () => '/account/password' },
  '/account/security': { role: 'customer', url: () => '/account/security' },
  '/overview': { role: 'customer', url: () => '/overview' },
  '/applications': { role: 'customer', url: () => '/applications' },
  '/applications/[sdkAppId]': { role: 'customer', url: (c) => `/applications/${c.customer.application.sdkAppId}` },
  '/balance': { role: 'customer', url: () => '/balance' },
  '/bills': { role: 'customer', url: () => '/bills' },
  '/bills/[id]': { role: 'customer', url: (c) => `/bills/${c.billId}` },
  '/calculator': { role: 'customer', url: () => '/calculator' },
  '/notices': { role: 'customer', url: () => '/notices' },
  '/packages': { role: 'customer', url: () => '/packages' },
  '/packages/buy': { role: 'customer', url: () => '/packages/buy' },
  '/settings/notifications': { role: 'customer', url: () => '/settings/notifications' },
  '/settings/webhooks': { role: 'customer', url: () => '/settings/webhooks' },
  '/settings/webhooks/[endpointId]': { role: 'customer', url: (c) => `/settings/webhooks/${c.endpointId}` },
  '/usage': { role: 'customer', url: () => '/usage' },
  '/dev': { role: 'customer', url: () => '/dev' },
  '/dev/mail': { role: 'customer', url: () => '/dev/mail' },
  '/admin': { role: 'admin', url: () => '/admin' },
  '/admin/accounts': { role: 'admin', url: () => '/admin/accounts' },
  '/admin/accounts/new': { role: 'admin', url: () => '/admin/accounts/new' },
  '/admin/accounts/[accountId]': { role: 'admin', url: (c) => `/admin/accounts/${c.customer.accountId}` },
  '/admin/audit': { role: 'admin', url: () => '/admin/audit' },
  '/admin/jobs': { role: 'admin', url: () => '/admin/jobs' },
  '/admin/refunds': { role: 'admin', url: () => '/admin/refunds' },
  '/admin/suspensions': { role: 'admin', url: () => '/admin/suspensions' },
};

/**
 * axe-core over the whole page with the same rules everywhere. Legacy mode runs axe in the page
 * itself instead of aggregating its frames' partial results in an extra blank page: the same
 * rules and the same results for these pages (they have no cross-origin frames), at half the
 * CPU (issue 15: the 82 analyses were the a11y spec's largest cost). Only violations are read:
 * axe's `resultTypes` keeps every node of every violation and one example of the passes, the
 * incomplete and the inapplicable (instead of serialising every passing node to the test).
 */
function axe(page: Page) {
  return new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
}

/** Route of each app/**\/page.tsx: route groups `(x)` dropped. */
function pageRoutes(): string[] {
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

const WIDTHS = [1360, 390] as const;
const STATE_DIR = path.join('test-results', 'a11y-state');
const stateFile = (role: Exclude<Role, 'anonymous'>) => path.join(STATE_DIR, `${role}.json`);
let ctx: Ctx;
/** One page per role for the page checks (e2e/fixtures-reuse.ts): each test gets it with the role's cookies put back. */
const pages = new ReusedPages();
test.afterAll(() => pages.closeAll());
const rolePage = (browser: Browser, role: Role, language?: 'zh') =>
  pages.get(browser, role, role === 'anonymous' ? undefined : stateFile(role), (stored) =>
    language ? [...stored.filter((c) => c.name !== E2E_LANGUAGE_COOKIE.name), { ...E2E_LANGUAGE_COOKIE, value: language }] : stored,
  );

test('every page file has an entry in the a11y list', () => {
  const missing = pageRoutes().filter((r) => !PAGES[r]);
  expect(missing, 'add these pages to PAGES in e2e/a11y.spec.ts').toEqual([]);
  const stale = Object.keys(PAGES).filter((r) => !pageRoutes().includes(r));
  expect(stale, 'entries without a page file').toEqual([]);
});

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(STATE_DIR, { recursive: true });
  // A failed test restarts the worker and so this hook: reuse what this run already made
  // (the database is fresh per run, so a saved account that exists is this run's).
  const saved = path.join(STATE_DIR, 'ctx.json');
  if (fs.existsSync(saved)) {
    const old = JSON.parse(fs.readFileSync(saved, 'utf8')) as Ctx;
    const [a] = await e2eDb().db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, old.customer.accountId));
    if (a) return void (ctx = old);
  }
  const [customer] = await createDevCustomers(browser, baseURL!, [
    { priceBookId: 'trtc-2024-usd', registeredAt: '2026-11-01T00:00:00+08:00', balance: '100.00', testClock: true, name: 'A11y Customer' },
  ]);
  await saveState(browser, 'admin', DEMO.admin);
  const page = await saveState(browser, 'customer', customer!.login);
  const origin = { origin: baseURL! };
  const usage = await page.request.post(`/api/dev/accounts/${customer!.accountId}/usage`, {
    headers: origin,
    data: { sdkAppId: customer!.application.sdkAppId, sessions: 5, spanMinutes: 60 },
  });
  expect(usage.status(), await usage.text()).toBe(201);
  const adv = await page.request.post(`/api/dev/clocks/${customer!.accountId}/advance`, { headers: origin, data: { by: { days: 2 } } });
  expect(adv.status(), await adv.text()).toBe(200);
  await addEndpointThroughPage(page, 'https://hooks.example.com/a11y', 'A11y endpoint');
  const { db } = e2eDb();
  const [bill] = await db.select({ id: bills.id }).from(bills).where(eq(bills.accountId, customer!.accountId)).orderBy(desc(bills.id)).limit(1);
  const [ep] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.accountId, customer!.accountId)))
    .limit(1);
  expect(bill, 'the advanced clock issued a bill').toBeTruthy();
  ctx = { customer: customer!, billId: String(bill!.id), endpointId: Number(ep!.id) };
  fs.writeFileSync(saved, JSON.stringify(ctx));
  await page.context().close();
});

async function saveState(browser: Browser, role: 'admin' | 'customer', login: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, login.email, login.password);
  await context.storageState({ path: stateFile(role) });
  if (role === 'admin') await context.close();
  return page;
}


/**
 * The page at `width`: loaded (`load`) at the first width, then resized for the next one, as a
 * window is narrowed: the layout is CSS (media queries) and the one chart redraws through its
 * ResizeObserver, so a second page load per width only cost time (issue 15). After a resize the
 * page gets two frames and a settled layout (the chart's redraw) before it is checked.
 */
async function atWidth(page: Page, width: number, load: () => Promise<void>) {
  const first = width === WIDTHS[0];
  await page.setViewportSize({ width, height: width === 390 ? 844 : 860 });
  if (first) return load();
  await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(width);
  await settledLayout(page);
}

/** Two animation frames, then until no element's box changes between two more (a redraw after a resize is done). */
async function settledLayout(page: Page) {
  const frames = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  const boxes = () => page.evaluate(() => [...document.querySelectorAll('main *')].slice(0, 2000).map((e) => Math.round(e.getBoundingClientRect().width)).join(','));
  await frames();
  let before = await boxes();
  for (let i = 0; i < 20; i++) {
    await frames();
    const now = await boxes();
    if (now === before) return;
    before = now;
  }
}

for (const [route, entry] of Object.entries(PAGES)) {
  test(`${route} (${entry.role}) passes axe at 1360 and 390 px, no sideways page scroll on a phone`, async ({ browser }) => {
    const page = await rolePage(browser, entry.role);
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await atWidth(page, width, async () => {
        const res = await page.goto(entry.url(ctx));
        expect(res?.status(), `${route} answers`).toBeLessThan(500);
        await page.waitForLoadState('networkidle');
      });
      const result = await axe(page);
      for (const v of result.violations) {
        fs.appendFileSync(path.join(STATE_DIR, 'findings.ndjson'), JSON.stringify({ route, width, id: v.id, impact: v.impact, nodes: v.nodes.length }) + '\n');
        if (v.impact !== 'critical' && v.impact !== 'serious') continue;
        problems.push(`${width}px ${v.id} (${v.impact}, ${v.nodes.length}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      if (process.env.A11Y_SCREENSHOTS) {
        await page.screenshot({ path: path.join('test-results', 'a11y-screens', `${route.replace(/[^a-z0-9]+/gi, '_') || 'root'}-${width}.png`) });
      }
      if (width === 390) {
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > 390) {
          // Name the outermost elements that stick out, to say what to fix.
          const wide = await page.evaluate(() =>
            [...document.body.querySelectorAll('*')]
              .filter((e) => e.getBoundingClientRect().right > 391 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > 391))
              .slice(0, 4)
              .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 4).join('.')} (${Math.round(e.getBoundingClientRect().right)})`),
          );
          problems.push(`390px: the page scrolls sideways (scrollWidth ${scrollWidth}): ${wide.join(', ')}`);
        }
      }
    }
    expect(problems, `${route}: critical/serious axe violations or sideways scroll`).toEqual([]);
  });
}

/** A handful of pages in Chinese (issue 14 item 4): other words, other lengths, the same rules. */
const ZH_PAGES = ['/sign-in', '/overview', '/bills/[id]', '/settings/webhooks', '/admin/accounts', '/admin/accounts/[accountId]', '/admin/jobs', '/dev'] as const;

test(`in Chinese, ${ZH_PAGES.join(', ')} pass axe at 1360 and 390 px`, async ({ browser }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  for (const route of ZH_PAGES) {
    const entry = PAGES[route]!;
    const page = await rolePage(browser, entry.role, 'zh');
    for (const width of WIDTHS) {
      await atWidth(page, width, async () => {
        const res = await page.goto(entry.url(ctx));
        expect(res?.status(), `${route} answers`).toBeLessThan(500);
        await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
        await page.waitForLoadState('networkidle');
      });
      const result = await axe(page);
      for (const v of result.violations) {
        fs.appendFileSync(path.join(STATE_DIR, 'findings.ndjson'), JSON.stringify({ route, language: 'zh', width, id: v.id, impact: v.impact, nodes: v.nodes.length }) + '\n');
        if (v.impact !== 'critical' && v.impact !== 'serious') continue;
        problems.push(`${route} ${width}px ${v.id} (${v.impact}, ${v.nodes.length}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      if (width === 390) {
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > 390) problems.push(`${route} 390px: the page scrolls sideways (scrollWidth ${scrollWidth})`);
      }
    }
  }
  expect(problems, 'critical/serious axe violations or sideways scroll in Chinese').toEqual([]);
});

test('keyboard: the first Tab reaches a visible "Skip to content" link that moves focus to the page content', async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateFile('customer') });
  const page = await context.newPage();
  await page.goto('/overview');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  // A visible focus: the global focus-visible ring (app/globals.css) draws an outline.
  expect(await skip.evaluate((e) => getComputedStyle(e).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await context.close();
});

test('forms announce errors: the invalid field says so and points at its message, read out as an alert', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Company or your name').fill('A11y Forms');
  await page.getByLabel('Email').fill(`a11y-${Date.now()}@example.test`);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  const password = page.getByLabel('Password');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await password.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  const message = page.locator(`[id="${describedBy}"]`);
  await expect(message).toHaveRole('alert');
  await expect(message).not.toBeEmpty();
});
