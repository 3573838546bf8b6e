import { expect, test, type Page } from './fixtures-test';
import { adminPage, advanceClock, createTestCustomer, expandLine, expectCsvMatchesPage, openBill, ownerPage, sendSigned } from './fixtures-books';

/**
 * Issue 12, Done when: "a Playwright spec in Chromium shows a bill of the voice provider's
 * book and one of the communication provider's book with their explanations". Accounts,
 * usage (signed usage API) and time (test clock) come from the developer API; the owner
 * reads the pages. BOOK_SHOTS=<folder> also saves full-page screenshots of every page.
 */
const SHOTS = process.env.BOOK_SHOTS;
async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test.describe.configure({ timeout: 180_000 });

test('rtv-cny (seed 000): the month so far as an estimate, then the month’s bill of played streams explained, its CSV equal to the page', async ({ browser }) => {
  const admin = await adminPage(browser);
  const c = await createTestCustomer(admin, { priceBookId: 'rtv-cny', registeredAt: '2024-10-01T00:00:00+08:00', balance: '100.00', testClock: true });
  const app = c.application.sdkAppId;
  // 000 · Billing examples · Interactive room: A and B play each other's audio for 20 minutes.
  const played = (user: string, other: string) => ({ type: 'media', app, room: 'r1', user, start: '2024-10-08T10:00:00+08:00', seconds: 1200, receive: [{ stream: other, audio: true }] });
  await sendSigned(admin, c.application, [played('A', 'B'), played('B', 'A')]);
  await advanceClock(admin, c.accountId, '2024-10-25T12:00:00+08:00');

  const owner = await ownerPage(browser, c.login);
  // Overview: the month so far, marked as an estimate; no free minutes on this book.
  await owner.goto('/overview');
  const estimate = owner.getByTestId('month-estimate');
  await expect(estimate).toContainText('Month so far (estimate)');
  await expect(estimate).toContainText('Estimate · not a bill');
  await expect(estimate).toContainText('2024-10-01 – 2024-10-25');
  await expect(estimate).toContainText('issued on 2024-11-01');
  await expect(estimate.locator('[data-testid=estimate-line][data-item=audio]')).toContainText('High-quality audio only');
  await expect(estimate.locator('[data-testid=estimate-line][data-item=audio]')).toContainText('40 min');
  await expect(estimate.getByTestId('estimate-total')).toHaveText('≈ ¥0.28');
  await expect(owner.getByText('Free minutes left')).toHaveCount(0);
  await expect(owner.getByText('minutes are rounded up per application, item and month')).toBeVisible();
  await shoot(owner, 'rtv-overview-estimate');
  // Usage: the same estimate above the statistics; no free-minute wording.
  await owner.goto('/usage?from=2024-10-08&to=2024-10-08');
  await expect(owner.getByTestId('month-estimate').getByTestId('estimate-total')).toHaveText('≈ ¥0.28');
  await expect(owner.locator('[data-testid=usage-by-app-item] tr[data-item="audio"] [data-testid=minutes]')).toHaveText('40');
  await expect(owner.getByRole('heading', { name: 'Packages and free minutes' })).toHaveCount(0);
  await shoot(owner, 'rtv-usage-estimate');
  // Never a bill before the 1st.
  await owner.goto('/bills');
  await expect(owner.getByText('No bills yet')).toBeVisible();
  await expect(owner.getByText('A month’s usage is billed on the 1st of the next month')).toBeVisible();

  await advanceClock(owner, c.accountId, '2024-11-01T01:00:00+08:00');
  await openBill(owner, '2024-10');
  await expect(owner.getByText('Monthly bill for 2024-10')).toBeVisible();
  await expect(owner.getByTestId('bill-total')).toHaveText('¥0.28');
  const { line, explanation } = await expandLine(owner, 'audio');
  await expect(line.locator(':scope > summary')).toContainText('High-quality audio only');
  await expect(line.getByTestId('line-amount')).toHaveText('0.28');
  await expect(explanation).toContainText('2 records of SDKAppID');
  await expect(explanation).toContainText('in month 2024-10');
  await expect(explanation).toContainText('2,400 s in 2024-10 (Asia/Shanghai) → ceil → 40 min');
  await expect(explanation).toContainText('40 min × 7 CNY / 1,000 min = 0.28 CNY');
  await expect(explanation).toContainText('Seed 000 · Service pricing');
  await shoot(owner, 'rtv-bill');
  const { lines } = await expectCsvMatchesPage(owner, '¥');
  expect(lines.map((l) => [l.item, l.quantity, l.amount])).toEqual([['audio', '40', '0.28']]);

  // November has no usage yet: its estimate is empty, October's bill stays.
  await owner.goto('/overview');
  await expect(owner.getByTestId('month-estimate')).toContainText('No usage this month yet.');
});

test('hst-cny (seed 001): receive-only and mini-program send+receive minutes on the daily bill, signalling on the monthly bill, explained; no packages', async ({ browser }) => {
  const admin = await adminPage(browser);
  const c = await createTestCustomer(admin, { priceBookId: 'hst-cny', registeredAt: '2024-10-01T00:00:00+08:00', balance: '100.00', testClock: true });
  const app = c.application.sdkAppId;
  // 001 · 微信小程序 · 案例一: A and B on the mini-program pay sending and receiving, C and D (Windows, Android) only receiving.
  const v = [1280, 720];
  const user = (name: string, others: string[], miniProgram: boolean) => ({
    type: 'media', app, room: 'r1', user: name, start: '2024-10-08T10:00:00+08:00', seconds: 3600,
    receive: others.map((s) => ({ stream: s, audio: true, video: v })), send: [{ audio: true, video: v }], ...(miniProgram ? { client: 'miniprogram' } : {}),
  });
  await sendSigned(admin, c.application, [
    user('A', ['B', 'C', 'D'], true), user('B', ['A', 'C', 'D'], true), user('C', ['A', 'B', 'D'], false), user('D', ['A', 'B', 'C'], false),
    // 001 · 信令通道: 1,500,000 calls in October, the first 1,000,000 free.
    { type: 'signaling', app, start: '2024-10-03T10:00:00+08:00', calls: 900000 },
    { type: 'signaling', app, start: '2024-10-20T10:00:00+08:00', calls: 600000 },
  ]);
  await advanceClock(admin, c.accountId, '2024-10-09T01:00:00+08:00');

  const owner = await ownerPage(browser, c.login);
  await openBill(owner, '2024-10-08');
  await expect(owner.getByText('Daily bill for 2024-10-08')).toBeVisible();
  await expect(owner.getByTestId('bill-total')).toHaveText('¥41.04');
  const expected: [string, string, string][] = [
    ['audio', '音频通信', '2.16'],
    ['video-720p', '视频通信, 720P 及以下', '8.64'],
    ['mp-audio', '微信小程序, 音频', '12'],
    ['mp-video', '微信小程序, 视频', '18.24'],
  ];
  for (const [item, words, amount] of expected) {
    const l = owner.locator(`[data-testid=bill-line][data-item="${item}"]`);
    await expect(l.locator(':scope > summary')).toContainText(words);
    await expect(l.getByTestId('line-amount')).toHaveText(amount);
  }
  // Receive-only: C and D each receive 3 streams for 60 min → 360 min at 6 CNY / 1,000 min.
  const audio = await expandLine(owner, 'audio');
  await expect(audio.explanation).toContainText('21,600 s on 2024-10-08 (Asia/Shanghai) → ceil → 360 min');
  await expect(audio.explanation).toContainText('360 min × 6 CNY / 1,000 min = 2.16 CNY');
  await expect(audio.explanation).toContainText('Seed 001 · 音频通信');
  // Send + receive on the mini-program: A and B each receive 3 and send 1 stream for 60 min → 480 min.
  const mp = await expandLine(owner, 'mp-audio');
  await expect(mp.explanation).toContainText('28,800 s on 2024-10-08 (Asia/Shanghai) → ceil → 480 min');
  await expect(mp.explanation).toContainText('480 min × 25 CNY / 1,000 min = 12 CNY');
  await expect(mp.explanation).toContainText('Seed 001 · 微信小程序');
  await shoot(owner, 'hst-daily-bill');
  const daily = await expectCsvMatchesPage(owner, '¥');
  expect(daily.lines.map((l) => [l.item, l.quantity, l.amount]).sort()).toEqual(
    [['audio', '360', '2.16'], ['mp-audio', '480', '12'], ['mp-video', '480', '18.24'], ['video-720p', '360', '8.64']],
  );

  // The book sells no packages and has no free minutes: none shown anywhere.
  await owner.goto('/packages');
  await expect(owner.getByRole('heading', { name: 'This price book has no packages' })).toBeVisible();
  await expect(owner.getByText('Free minutes this cycle')).toHaveCount(0);
  await expect(owner.getByRole('link', { name: 'Buy a package' })).toHaveCount(0);
  await shoot(owner, 'hst-packages');
  await owner.goto('/overview');
  await expect(owner.getByText('Free minutes left')).toHaveCount(0);
  await expect(owner.getByTestId('month-estimate')).toHaveCount(0);
  await owner.goto('/usage?from=2024-10-08&to=2024-10-08');
  await expect(owner.getByRole('heading', { name: /^Packages/ })).toHaveCount(0);
  await expect(owner.locator('[data-testid=usage-by-app-item] tr[data-item="mp-video"] [data-testid=minutes]')).toHaveText('480');
  // The calculator speaks the book's words and compares nothing but pay-as-you-go.
  await owner.goto('/calculator');
  await owner.getByLabel('音频通信').fill('1000');
  await owner.getByLabel('微信小程序, 音频').fill('1000');
  await owner.getByRole('button', { name: 'Compare prices' }).click();
  await expect(owner.getByTestId('cheapest')).toContainText('Pay-as-you-go: ¥31.00');
  await expect(owner.getByTestId('calculator-options').locator('tbody tr')).toHaveCount(1);
  await expect(owner.getByTestId('calculator-note')).toContainText('sells no packages');
  await shoot(owner, 'hst-calculator');

  // Signalling is a monthly item: on the bill of the 1st.
  await advanceClock(owner, c.accountId, '2024-11-01T01:00:00+08:00');
  await openBill(owner, '2024-10');
  await expect(owner.getByTestId('bill-total')).toHaveText('¥50.00');
  const sig = await expandLine(owner, 'signaling');
  await expect(sig.line.locator(':scope > summary')).toContainText('信令通道');
  await expect(sig.explanation).toContainText('1,500,000 calls');
  await expect(sig.explanation).toContainText('1500000 calls - 1000000 free = 500000 → 500 thousand');
  await expect(sig.explanation).toContainText('500 thousand calls × 0.1 CNY / thousand calls = 50 CNY');
  await expect(sig.explanation).toContainText('Seed 001 · 信令通道');
  await shoot(owner, 'hst-monthly-bill');
  const monthly = await expectCsvMatchesPage(owner, '¥');
  expect(monthly.lines.map((l) => [l.item, l.quantity, l.amount])).toEqual([['signaling', '500', '50']]);
});
