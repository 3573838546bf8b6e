import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { E2E_LANGUAGE_COOKIE } from '../playwright.config';

/** The viewport of playwright.config.ts' chromium project, which a new context would have. */
const VIEWPORT = { width: 1360, height: 860 };

type Cookie = Parameters<BrowserContext['addCookies']>[0][number];

/**
 * One browser page per kind of visitor (signed out, a role's stored state), kept for the tests
 * of a spec in its worker, for specs that only look at many pages (a11y, the language switch on
 * every page): a new context per test cost Chromium a new renderer process that compiled the
 * console's scripts again for every test (issue 15: the largest part of the e2e run's CPU).
 *
 * Each test still starts from the same state as in a new context: before the page is handed
 * over its cookies are those of the stored state (or the language cookie alone, signed out) and
 * its viewport the config's; the test loads its page with `goto` (a fresh document; the console
 * keeps nothing in web storage).
 * A page closed or crashed by a failed test is replaced. `closeAll` in `afterAll`.
 */
export class ReusedPages {
  private readonly open = new Map<string, { context: BrowserContext; page: Page }>();

  /**
   * `leaveDocument`: go to about:blank before each test, for tests that can end while their page
   * is still navigating (a sign-in's redirects), which would abort the next test's `goto`. It
   * costs a new renderer process per test; tests that end on a loaded, quiet page do without.
   */
  constructor(private readonly options: { leaveDocument?: boolean } = {}) {}

  /** The page for `key`, its cookies those of `stateFile` (a storage state file) or, without one, the English language cookie only. */
  async get(browser: Browser, key: string, stateFile?: string, cookies?: (stored: Cookie[]) => Cookie[]): Promise<Page> {
    let entry = this.open.get(key);
    if (entry && entry.page.isClosed()) {
      await entry.context.close().catch(() => {});
      entry = undefined;
    }
    if (!entry) {
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: VIEWPORT });
      entry = { context, page: await context.newPage() };
      this.open.set(key, entry);
    }
    if (this.options.leaveDocument) await entry.page.goto('about:blank');
    const stored: Cookie[] = stateFile ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { cookies: Cookie[] }).cookies : [E2E_LANGUAGE_COOKIE];
    await entry.context.clearCookies();
    await entry.context.addCookies(cookies ? cookies(stored) : stored);
    const size = entry.page.viewportSize();
    if (size?.width !== VIEWPORT.width || size.height !== VIEWPORT.height) await entry.page.setViewportSize(VIEWPORT);
    return entry.page;
  }

  async closeAll(): Promise<void> {
    for (const { context } of this.open.values()) await context.close().catch(() => {});
    this.open.clear();
  }
}
