import { expect, test } from './fixtures-test';
import { and, asc, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { bills, notifications } from '../db/schema';
import { e2eDb, signIn } from './fixtures';
import { accountState, topUpThroughPage } from './fixtures-dev';
import { addEndpointThroughPage, createDevCustomers, startReceiver, type Received } from './fixtures-notices';
import { mediaRecord, sendUsage } from './fixtures-usage';
import { keepScreenshot } from './fixtures-shots';

test.describe.configure({ timeout: 300_000 });

const HOUR = 3_600_000;
const at = (local: string) => new Date(`${local}+08:00`);

type Mail = {
  subject: string;
  to: string[];
  headers: Record<string, string>;
  text: string | null;
  date: string;
};

/**
 * Issue 10, the first Done-when: on a test-clock account, with another account untouched, a
 * 50 USD balance threshold; a bill takes the balance below it → one notice in the message
 * center, one email in the SMTP capture, one signed webhook to an endpoint this test runs;
 * then overdue → the O+20h warning → suspended → a top-up: restored. Each exactly once, in
 * order, on every channel, with the right amounts and moments (lifecycle.md, Notices).
 */
test('balance threshold → overdue → O+20h warning → suspended → restored: each once, in order, in the message center, by email and by signed webhook', async ({ page, browser, baseURL }) => {
  const receiver = await startReceiver();
  try {
    // Two customers on test clocks from 2024-10-01 00:00 (UTC+8), 60 USD each, no free minutes (so usage is billed as it is).
    const account = {
      priceBookId: 'trtc-2024-usd',
      registeredAt: '2024-10-01T00:00:00+08:00',
      balance: '60',
      monthlyFreeMinutes: false,
      testClock: true,
    };
    const [c, bystander] = await createDevCustomers(browser, baseURL!, [
      { ...account, name: 'Chain Co' },
      { ...account, name: 'Bystander Co' },
    ]);
    const before = await accountState(bystander!.accountId);
    const origin = { origin: baseURL! };
    await signIn(page, c!.login.email, c!.login.password);
    const owner = c!.login.email.toLowerCase();

    const secret = await addEndpointThroughPage(page, receiver.url, 'Done-when receiver');
    await page.goto('/balance');
    await page.getByLabel('Alert below (USD)').fill('50');
    await page.getByRole('button', { name: 'Save alert' }).click();
    await expect(page.getByTestId('balance-alert-form').getByRole('status')).toContainText('below $50.00');

    // Audio usage through the signed usage API: day 1 20,000 minutes (19.80 USD at 0.99 per 1,000), day 2 50,000 minutes (49.50 USD).
    const app = c!.application;
    const day = (start: string, n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => mediaRecord(app.sdkAppId, new Date(at(start).getTime() + i * 60_000), 60_000)));
    expect((await sendUsage(page.request, app, day('2024-10-01T00:01:00', 20))).status).toBe(201);
    expect((await sendUsage(page.request, app, day('2024-10-02T00:01:00', 50))).status).toBe(201);

    const advance = async (to: string) => {
      const r = await page.request.post(`/api/dev/clocks/${c!.accountId}/advance`, { headers: origin, data: { to: `${to}+08:00` } });
      expect(r.status(), await r.text()).toBe(200);
    };
    const notices = async () => {
      const { db } = e2eDb();
      return db.select().from(notifications).where(eq(notifications.accountId, c!.accountId)).orderBy(asc(notifications.at), asc(notifications.id));
    };
    const mails = async (): Promise<Mail[]> => {
      const r = await page.request.get(`/api/dev/mail?to=${encodeURIComponent(owner)}`);
      expect(r.ok()).toBe(true);
      return ((await r.json()) as { messages: Mail[] }).messages.filter((m) => m.headers['x-notice-kind']).reverse();
    };
    const hooks = () => receiver.received.filter((h) => h.json.type !== 'webhook.test');
    const verified = (h: Received) => new Webhook(secret).verify(h.body, h.headers) as Received['json'];

    // Step 1: the day-1 bill (settled at 2024-10-02 00:00) takes the balance from 60.00 to 40.20, below 50.
    await advance('2024-10-02T00:00:00');
    const T1 = at('2024-10-02T00:00:00');
    const { db } = e2eDb();
    const billsOf = () => db.select().from(bills).where(eq(bills.accountId, c!.accountId)).orderBy(asc(bills.issuedAt), asc(bills.number));
    expect((await billsOf()).map((b) => b.total.toFixed(2))).toEqual(['19.80']);
    let ns = await notices();
    expect(ns.map((n) => [n.kind, n.at.toISOString()])).toEqual([['balance.below_threshold', T1.toISOString()]]);
    expect(ns[0]!.body).toContain('Your balance is $40.20, below the alert threshold of $50.00');
    await page.goto('/notices');
    await expect(page.getByTestId('notice')).toHaveCount(1);
    await expect(page.getByTestId('unread-count')).toHaveText('1');
    await expect(page.getByTestId('notice').first()).toContainText('Your balance is below $50.00');
    await expect.poll(async () => (await mails()).map((m) => m.subject)).toEqual(['Your balance is below $50.00']);
    expect((await mails())[0]!.text).toContain('$40.20');
    expect(hooks()).toHaveLength(1);
    const h1 = verified(hooks()[0]!);
    expect(h1).toMatchObject({
      type: 'balance.below_threshold',
      data: {
        facts: {
          balance: '40.20',
          threshold: '50.00',
          currency: 'USD',
          day: 1,
        },
      },
    });
    expect(hooks()[0]!.headers['webhook-id']).toBe(`msg_notice_${ns[0]!.id}`);

    // Step 2: the day-2 bill (2024-10-03 00:00) takes it to -9.30: overdue, suspension at O+24h; the alert's day-2 reminder falls on the same instant.
    await advance('2024-10-03T00:00:00');
    const O = at('2024-10-03T00:00:00');
    expect((await billsOf()).map((b) => b.total.toFixed(2))).toEqual(['19.80', '49.50']);
    ns = await notices();
    const overdue = ns.filter((n) => n.kind === 'account.overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.at.toISOString()).toBe(O.toISOString());
    expect(overdue[0]!.payload).toMatchObject({
      owed: '9.30',
      suspendAt: new Date(O.getTime() + 24 * HOUR).toISOString(),
    });
    expect(overdue[0]!.body).toContain('you owe $9.30. Top up at least that amount before 2024-10-04 00:00 (UTC+8)');

    // Step 3: O+20h, still overdue: the warning (4 hours left), and nothing else in between.
    await advance('2024-10-03T19:59:00');
    expect((await notices()).filter((n) => n.kind === 'account.suspension_warning')).toHaveLength(0);
    await advance('2024-10-03T20:00:00');
    const warning = (await notices()).filter((n) => n.kind === 'account.suspension_warning');
    expect(warning.map((n) => n.at.toISOString())).toEqual([new Date(O.getTime() + 20 * HOUR).toISOString()]);
    expect(warning[0]!.payload).toMatchObject({
      owed: '9.30',
      suspendAt: new Date(O.getTime() + 24 * HOUR).toISOString(),
    });

    // Step 4: O+24h: suspended, with the reclamation moment: more than 60 days suspended, so S+60d+1s (lib/jobs/planner.ts reclamationInstant).
    await advance('2024-10-04T00:00:00');
    const S = new Date(O.getTime() + 24 * HOUR);
    const suspended = (await notices()).filter((n) => n.kind === 'account.suspended');
    expect(suspended.map((n) => n.at.toISOString())).toEqual([S.toISOString()]);
    expect(suspended[0]!.payload).toMatchObject({
      reason: 'arrears',
      suspendedAt: S.toISOString(),
      reclaimAt: new Date(at('2024-12-03T00:00:00').getTime() + 1000).toISOString(),
    });

    // Step 5: a top-up of 60 at S+2h brings the balance to 50.70: restored (and the balance alert ends).
    await advance('2024-10-04T02:00:00');
    await topUpThroughPage(page, '60');
    await advance('2024-10-05T12:00:00');
    ns = await notices();
    const restored = ns.filter((n) => n.kind === 'account.restored');
    expect(restored.map((n) => n.at.toISOString())).toEqual([at('2024-10-04T02:00:00').toISOString()]);
    expect(restored[0]!.payload).toMatchObject({
      balance: '50.70',
      via: 'balance',
    });

    // The whole story, in order: the alert on days 1–3 (reminders each 24 h while below, none after the top-up), overdue, warning, suspended, restored.
    const story = ns.map((n) => `${n.at.toISOString()} ${n.kind}`);
    const expected = [
      `${T1.toISOString()} balance.below_threshold`,
      `${O.toISOString()} account.overdue`,
      `${O.toISOString()} balance.below_threshold`,
      `${new Date(O.getTime() + 20 * HOUR).toISOString()} account.suspension_warning`,
      `${S.toISOString()} account.suspended`,
      `${S.toISOString()} balance.below_threshold`,
      `${at('2024-10-04T02:00:00').toISOString()} account.restored`,
    ];
    // Notices of one instant (a settlement and a reminder due together) may come in either order.
    const byInstant = (xs: string[]) =>
      xs
        .map((x) => x.split(' '))
        .sort(([a, k], [b, l]) => (a! < b! ? -1 : a! > b! ? 1 : k!.localeCompare(l!)))
        .map((x) => x.join(' '));
    expect(byInstant(story)).toEqual(byInstant(expected));
    expect(story.map((s) => s.split(' ')[0])).toEqual([...story.map((s) => s.split(' ')[0])].sort());
    expect(ns.filter((n) => n.kind === 'balance.below_threshold').map((n) => (n.payload as { day: number }).day)).toEqual([1, 2, 3]);

    // Every notice once on each channel, in the notices' order: email (account-status kinds always; the alert not switched off) and webhook.
    const ids = ns.map((n) => `msg_notice_${n.id}`);
    expect(hooks().map((h) => h.headers['webhook-id'])).toEqual(ids);
    for (const h of hooks()) expect(verified(h).type).toBe(ns[ids.indexOf(h.headers['webhook-id']!)]!.kind);
    const hook = (kind: string) =>
      hooks()
        .map(verified)
        .filter((j) => j.type === kind);
    expect(hook('account.overdue')[0]!.data.facts).toMatchObject({
      owed: '9.30',
      suspendAt: S.toISOString(),
    });
    expect(hook('account.restored')[0]!.data.facts).toMatchObject({
      balance: '50.70',
    });
    await expect.poll(async () => (await mails()).map((m) => m.headers['x-notice-id'])).toEqual(ns.map((n) => String(n.id)));
    const mailOf = async (kind: string) => (await mails()).filter((m) => m.headers['x-notice-kind'] === kind);
    expect((await mailOf('account.overdue'))[0]!.text).toContain('$9.30');
    expect((await mailOf('account.suspension_warning'))[0]!.subject).toBe('Your applications will be suspended in 4 hours');
    expect((await mailOf('account.restored'))[0]!.text).toContain('$50.70');

    // The message center shows the same seven, and the account is active again.
    await page.goto('/notices');
    await expect(page.getByTestId('notice')).toHaveCount(7);
    await expect(page.getByTestId('notice').first()).toContainText('Your account is active again');
    await keepScreenshot(page, {
      path: 'test-results/screens/notice-chain-messages.png',
      fullPage: true,
    });

    // The other account: nothing moved, nothing told.
    expect(await accountState(bystander!.accountId)).toEqual(before);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.accountId, bystander!.accountId))),
    ).toHaveLength(0);
  } finally {
    await receiver.close();
  }
});
