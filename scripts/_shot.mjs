import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://localhost:3000';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
const shots = JSON.parse(process.argv[2]);
for (const s of shots) {
  if (s.login) {
    await page.goto(base + '/sign-in');
    await page.fill('input[name=email]', s.login[0]);
    await page.fill('input[name=password]', s.login[1]);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 60000 });
  }
  if (s.logout) { await page.context().clearCookies(); }
  if (s.url) { const r = await page.goto(base + s.url, { waitUntil: 'networkidle', timeout: 60000 }); console.log(s.url, r?.status(), page.url()); }
  if (s.file) await page.screenshot({ path: s.file, fullPage: true });
}
await browser.close();
