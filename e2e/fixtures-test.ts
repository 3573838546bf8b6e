import { test as base } from '@playwright/test';

export * from '@playwright/test';

/**
 * The specs' `test` (import it from here, not from '@playwright/test'): every browser context of
 * the run, the `page` and `context` fixtures' and those a spec opens with `browser.newContext`,
 * loads the console without Next.js' viewport prefetch.
 *
 * Next's <Link> prefetches every link on screen as soon as it is seen (the shell's navigation
 * was a dozen links, each a server render of a dynamic page, again after every server action;
 * it now prefetches on intent, components/ui/intent-link.tsx, and pages' own links remain). No
 * spec looks at those answers; in the e2e run they were a quarter of each page load's CPU in the
 * server and in Chromium (issue 15: 20 console pages loaded in new contexts, 3.0 -> 1.1 s of server
 * CPU and 15.1 -> 12.2 s of browser CPU). Next finds the links on screen with an
 * IntersectionObserver (next/dist/client/components/links.js, used by nothing else in the
 * console's bundles); without one in the page's own world it does not prefetch on sight.
 * Hovering or touching a link still prefetches it, and following a link works as before.
 * Playwright's own checks (`toBeInViewport`) run in their own world and keep theirs.
 */
const NO_VIEWPORT_PREFETCH = () => {
  delete (window as { IntersectionObserver?: unknown }).IntersectionObserver;
};

export const test = base.extend({
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        await context.addInitScript(NO_VIEWPORT_PREFETCH);
        return context;
      };
      await use(browser);
    },
    { scope: 'worker' },
  ],
});
