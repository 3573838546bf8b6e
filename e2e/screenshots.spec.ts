import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures-test';
import { E2E_LANGUAGE_COOKIE } from '../playwright.config';
import { PAGES, preparePages, routeSlug, stateFile, type PagesCtx } from './fixtures-pages';

/**
 * Screenshots of every page at 1360 px and 390 px, in English and Chinese (issue 14, Done
 * when), written to e2e/screenshots/lang/<page>-<en|zh>-<1360|390>.png: the viewport only
 * (what a person sees first), small PNGs to commit. Skipped unless SCREENSHOTS=1, so CI
 * writes no files:  SCREENSHOTS=1 E2E_PORT=… npx playwright test e2e/screenshots.spec.ts
 */
test.skip(!process.env.SCREENSHOTS, 'screenshots only when SCREENSHOTS=1');

const OUT = path.join('e2e', 'screenshots', 'lang');
const WIDTHS = [1360, 390] as const;
const LANGUAGES = ['en', 'zh'] as const;
let ctx: PagesCtx;

/** A 256-colour PNG (a third of the size, the same to the eye) when sharp is there (next brings it); else as taken. */
async function smaller(png: Buffer): Promise<Buffer> {
  const sharp = await import('sharp').then((m) => m.default).catch(() => null);
  return sharp ? sharp(png).png({ palette: true, quality: 90, compressionLevel: 9, effort: 8 }).toBuffer() : png;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  ctx = await preparePages(browser);
  fs.mkdirSync(OUT, { recursive: true });
});

/** Routes that only redirect (to /sign-in and /admin/accounts): their pages are shot under their own names. */
const REDIRECTS = new Set(['/', '/admin']);

for (const [route, entry] of Object.entries(PAGES).filter(([r]) => !REDIRECTS.has(r))) {
  test(`${route}: screenshots in both languages at both widths`, async ({ browser }) => {
    for (const language of LANGUAGES) {
      // The language by its cookie, as the switch leaves it (lib/i18n/config.ts: the cookie wins).
      const stored = entry.role === 'anonymous' ? { cookies: [], origins: [] } : (JSON.parse(fs.readFileSync(stateFile(entry.role), 'utf8')) as { cookies: { name: string }[]; origins: [] });
      const storageState = { ...stored, cookies: [...stored.cookies.filter((c) => c.name !== E2E_LANGUAGE_COOKIE.name), { ...E2E_LANGUAGE_COOKIE, value: language }] };
      for (const width of WIDTHS) {
        const context = await browser.newContext({ storageState: storageState as never, viewport: { width, height: width === 390 ? 844 : 860 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const res = await page.goto(entry.url(ctx));
        expect(res?.status(), `${route} answers`).toBeLessThan(400);
        await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-CN' : 'en-US');
        await page.waitForLoadState('networkidle');
        // Charts animate in: let them settle.
        await page.waitForTimeout(600);
        const file = path.join(OUT, `${routeSlug(route)}-${language}-${width}.png`);
        const png = await page.screenshot({ fullPage: false, animations: 'disabled' });
        fs.writeFileSync(file, await smaller(png));
        expect(fs.statSync(file).size, `${file} stays small`).toBeLessThan(200_000);
        await context.close();
      }
    }
  });
}
