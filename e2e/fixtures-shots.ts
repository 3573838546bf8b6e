import type { Page, PageScreenshotOptions } from '@playwright/test';

/**
 * Screenshots kept for people to look at (the pages in both languages and at both widths of
 * issue 14, the state a walk ends in). They assert nothing, and each full-page PNG costs Chromium
 * a fraction of a second of CPU, a hundred times a run: a plain run takes none (issue 15).
 * E2E_SCREENSHOTS=<folder> or SCREENSHOTS=1 takes them, each where its spec puts it (the specs
 * that keep committed screenshots rewrite them only with SCREENSHOTS=1, as before).
 * language-billing.spec.ts takes its own always: it checks that one was written.
 */
export const SCREENSHOTS_WANTED = Boolean(process.env.E2E_SCREENSHOTS || process.env.SCREENSHOTS);

/** `page.screenshot(options)` when screenshots are asked for (above); nothing otherwise. */
export async function keepScreenshot(page: Page, options: PageScreenshotOptions): Promise<void> {
  if (SCREENSHOTS_WANTED) await page.screenshot(options);
}
