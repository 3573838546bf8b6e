import { expect, test } from './fixtures-test';
import { newCustomer } from './fixtures-auth';

/**
 * An IntersectionObserver that sees every observed element at once: Next's viewport prefetch as a
 * screen showing the whole page would trigger it (fixtures-test.ts takes the browser's away).
 */
const SEE_EVERYTHING = () => {
  class SeesEverything {
    constructor(private readonly callback: (entries: object[], observer: unknown) => void) {}
    observe(target: Element) {
      queueMicrotask(() => this.callback([{ target, isIntersecting: true, intersectionRatio: 1 }], this));
    }
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  (window as unknown as { IntersectionObserver: unknown }).IntersectionObserver = SeesEverything;
};

test('the sidebar prefetches a section when the pointer reaches for it, not when it is on screen', async ({ page }) => {
  await newCustomer(page);
  await page.addInitScript(SEE_EVERYTHING);
  const prefetched: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['next-router-prefetch']) prefetched.push(new URL(r.url()).pathname);
  });
  await page.goto('/overview');
  // The header's plain link is prefetched on sight: the observer above works.
  await expect.poll(() => prefetched).toContain('/account/security');
  await page.waitForLoadState('networkidle');
  // With next/link's default the sidebar's sections were all fetched here, /settings/webhooks among them.
  const webhooks = page.getByRole('navigation').getByRole('link', { name: 'Webhooks' });
  await expect(webhooks).toBeVisible();
  expect(prefetched).not.toContain('/settings/webhooks');
  await webhooks.hover();
  await expect.poll(() => prefetched).toContain('/settings/webhooks');
  await webhooks.click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
});
