import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures-test';
import { emailedLink, signIn } from './fixtures';
import { accountIdOf } from './fixtures-dev';
import { adminPage, advanceClock, expandLine, SAME_ORIGIN, sendSigned } from './fixtures-books';
import { toOffsetIso } from '../lib/time/format';
import { addDays, lastDayOfMonth, localDate, startOfLocalDay } from '../lib/time/local-date';

/**
 * Issue 12, Done when: "An account created on each book through the admin console can
 * sign in, send usage and see its first bill." For each of the four books of lib/rating:
 * the admin creates the account at /admin/accounts/new with a first password, the owner
 * signs in, creates an application (its secret key shown once), sends 40 minutes of played
 * audio through the signed usage API, a test clock is advanced until the period is
 * settled (the next local day; the 1st of next month for rtv-cny, which rounds per month),
 * and the owner opens the first bill in the book's currency and words.
 */
const BOOKS = [
  { id: 'trtc-2024-usd', words: 'Audio duration', symbol: '$', monthly: false },
  { id: 'trtc-2022-cny', words: 'Audio duration', symbol: '¥', monthly: false },
  { id: 'rtv-cny', words: 'High-quality audio only', symbol: '¥', monthly: true },
  { id: 'hst-cny', words: '音频通信', symbol: '¥', monthly: false },
] as const;

test.describe.configure({ timeout: 300_000 });

test('an account created on each book through the admin console signs in, sends usage and sees its first bill', async ({ browser }) => {
  const admin = await adminPage(browser);
  for (const book of BOOKS) {
    await test.step(book.id, async () => {
      const email = `owner-${book.id}-${randomUUID().slice(0, 8)}@example.test`;
      const password = `first-${randomUUID().slice(0, 12)}`;
      await admin.goto('/admin/accounts/new');
      await admin.getByLabel('Account name').fill(`Owner on ${book.id}`);
      await admin.getByLabel("Owner's email").fill(email);
      await admin.getByLabel('Price book').selectOption(book.id);
      await admin.getByLabel('First password').fill(password);
      await admin.getByRole('button', { name: 'Create account' }).click();
      await expect(admin.getByTestId('created-account-link')).toBeVisible();
      const accountId = await accountIdOf(email);

      // The owner signs in with the first password and creates an application.
      // Through the sign-in form: signing in with the first password is what this walk shows.
      const owner = await (await browser.newContext()).newPage();
      await signIn(owner, email, password);
      await expect(owner.getByText(`Customer · ${book.symbol === '$' ? 'USD' : 'CNY'}`)).toBeVisible();
      await owner.goto('/applications');
      await owner.getByLabel('Application name').fill('First App');
      await owner.getByRole('button', { name: 'Create application' }).click();
      const box = owner.getByTestId('secret-key-box');
      await expect(box).toBeVisible();
      const secretKey = (await owner.getByTestId('secret-key').textContent())!.trim();
      const sdkAppId = Number(/SDKAppID (\d+)/.exec((await box.textContent()) ?? '')?.[1]);
      expect(sdkAppId).toBeGreaterThan(1_400_000_000);

      // A test clock from the next local midnight; at 10:00 two users play each other's audio for 20 minutes, sent signed.
      const day = addDays(localDate(new Date()), 1);
      const attach = await owner.request.post(`/api/dev/clocks/${accountId}`, { headers: SAME_ORIGIN, data: { startAt: toOffsetIso(startOfLocalDay(day)) } });
      expect(attach.status(), await attach.text()).toBe(201);
      const start = toOffsetIso(new Date(startOfLocalDay(day).getTime() + 10 * 3_600_000));
      const played = (user: string, other: string) => ({ type: 'media', app: sdkAppId, room: 'r1', user, start, seconds: 1200, receive: [{ stream: other, audio: true }] });
      await sendSigned(owner, { sdkAppId, secretKey }, [played('A', 'B'), played('B', 'A')]);

      // Until the period is settled: the next local day, or the 1st of next month (rtv-cny).
      const settledOn = book.monthly ? addDays(lastDayOfMonth(day), 1) : addDays(day, 1);
      await advanceClock(owner, accountId, toOffsetIso(new Date(startOfLocalDay(settledOn).getTime() + 3_600_000)));

      await owner.goto('/bills');
      const rows = owner.getByTestId('bills-table').getByRole('link', { name: /^B\d+$/ });
      await expect(rows).toHaveCount(1);
      await rows.first().click();
      await expect(owner.getByRole('heading', { name: /^Bill B\d+/ })).toBeVisible();
      await expect(owner.getByText(`${book.monthly ? 'Monthly' : 'Daily'} bill for ${book.monthly ? day.slice(0, 7) : day}`)).toBeVisible();
      await expect(owner.getByText(`price book ${book.id}`)).toBeVisible();
      await expect(owner.getByTestId('bill-total')).toContainText(book.symbol);
      const { line, explanation } = await expandLine(owner, 'audio');
      await expect(line.locator(':scope > summary')).toContainText(book.words);
      // 2 × 1,200 s → 40 minutes before free minutes or a trial (the TRTC books) cover them.
      await expect(explanation).toContainText('2,400 s');
      await expect(explanation).toContainText('→ ceil → 40 min');
      await owner.context().close();
    });
  }
});

test('an owner invited by email chooses a password through the emailed link, with the address confirmed, and signs in', async ({ browser }) => {
  const admin = await adminPage(browser);
  const email = `invited-${randomUUID().slice(0, 8)}@example.test`;
  await admin.goto('/admin/accounts/new');
  await admin.getByLabel('Account name').fill('Invited Owner Ltd');
  await admin.getByLabel("Owner's email").fill(email);
  await admin.getByLabel('Price book').selectOption('hst-cny');
  await admin.getByLabel('How the owner gets in').selectOption('email');
  await admin.getByRole('button', { name: 'Create account' }).click();
  await expect(admin.getByText(`${email} was emailed a link to choose a password.`)).toBeVisible();

  const link = await emailedLink(admin, email, '/reset-password');
  const owner = await (await browser.newContext()).newPage();
  await owner.goto(link);
  await owner.getByLabel('New password').fill('invited-owner-passphrase-7');
  await owner.getByRole('button', { name: 'Set new password' }).click();
  await expect(owner).toHaveURL(/\/sign-in\?reset=1/);
  await signIn(owner, email, 'invited-owner-passphrase-7');
  await expect(owner).toHaveURL(/\/overview/);
  await expect(owner.getByText('Customer · CNY')).toBeVisible();
  // Using the invitation proved the address: no "confirm your email" banner.
  await expect(owner.getByText('Confirm your email address')).toHaveCount(0);
  // The link was single use.
  await owner.goto(link);
  await expect(owner.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
});
