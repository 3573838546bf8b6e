import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '@/db/schema';
import { listCapturedEmails } from '@/db/queries/dev-mail';
import { drainAccountDeliveries } from '@/lib/deliveries/drain';
import { startMailCapture, type MailCapture } from '@/lib/email/capture-server';
import { createWebhookEndpoint, sendWebhookTestEvent } from '@/lib/webhooks/service';
import { testDb } from '@/tests/db';
import { createTestAccount, setTestClock } from '@/tests/factories';
import { notify } from './notify';

/**
 * Notices and their emails in the account's language (issue 14 item 4): written once, at
 * creation, in `accountLocale(account)`: the saved choice, else Chinese for CNY, else English.
 */
const { db } = testDb();
let capture: MailCapture;
const saved = { url: process.env.SMTP_URL, capture: process.env.MAIL_CAPTURE };
const T0 = new Date('2024-10-02T00:00:00+08:00');
const hooks: string[] = [];
let server: http.Server;
let hookUrl = '';
beforeAll(async () => {
  capture = await startMailCapture(db);
  process.env.SMTP_URL = capture.url;
  process.env.MAIL_CAPTURE = '1';
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await capture.stop();
  await new Promise((r) => server.close(r));
  process.env.SMTP_URL = saved.url;
  process.env.MAIL_CAPTURE = saved.capture;
});

async function account(currency: 'USD' | 'CNY', locale: 'en' | 'zh' | null = null) {
  const a = await createTestAccount(db, { currency, name: currency === 'CNY' ? '上海示例' : 'Acme' });
  if (locale) await db.update(accounts).set({ locale }).where(eq(accounts.id, a.accountId));
  await setTestClock(db, a.accountId, T0);
  return a;
}

/** An overdue notice, then the emails its delivery sends. */
async function overdue(a: { accountId: string; email: string }, currency: 'USD' | 'CNY') {
  const row = await db.transaction((tx) =>
    notify(tx, {
      kind: 'account.overdue',
      accountId: a.accountId,
      subject: a.accountId,
      occasion: T0.toISOString(),
      at: T0,
      facts: { currency, owed: '12.50', overdueSince: T0.toISOString(), suspendAt: new Date(T0.getTime() + 86_400_000).toISOString() },
    }),
  );
  await drainAccountDeliveries(db, a.accountId, { until: T0, clock: 'test', lock: 'wait', workerId: 'language-test' });
  const mails = await listCapturedEmails(db, { role: 'admin' }, { to: a.email });
  return { row: row!, mail: mails[0]! };
}

describe('notices in the account language', () => {
  it('a CNY account gets the notice and its email in Chinese (欠费, 停服), subject and body', async () => {
    const a = await account('CNY');
    const { row, mail } = await overdue(a, 'CNY');
    expect(row.title).toBe('您的账号已欠费');
    expect(row.body).toBe('您的余额已低于零：欠费 ¥12.50。请在 2024-10-03 00:00（UTC+8）之前至少充值该金额，否则届时您的应用将被停服。');
    // Facts stay machine data: the webhook's `data.facts` are not translated.
    expect(row.payload).toMatchObject({ currency: 'CNY', owed: '12.50' });
    expect(mail.subject).toBe('您的账号已欠费');
    expect(mail.text).toContain('上海示例，您好：');
    expect(mail.text).toContain('欠费 ¥12.50');
    expect(mail.text).toContain('停服');
    expect(mail.text).toContain('时间（UTC+8）：2024-10-02 00:00');
    expect(mail.text).toContain('账号状态类通知无法关闭');
    expect(mail.html).toContain('lang="zh-CN"');
    expect(mail.text).not.toMatch(/Hello|overdue|Open in the console/);
  });

  it('a USD account gets it in English, word for word as before', async () => {
    const a = await account('USD');
    const { row, mail } = await overdue(a, 'USD');
    expect(row.title).toBe('Your account is overdue');
    expect(row.body).toBe('Your balance is below zero: you owe $12.50. Top up at least that amount before 2024-10-03 00:00 (UTC+8), or your applications are suspended then.');
    expect(mail.subject).toBe('Your account is overdue');
    expect(mail.text).toContain('Hello Acme,');
    expect(mail.text).toContain('Time (UTC+8): 2024-10-02 00:00');
    expect(mail.html).toContain('lang="en"');
    expect(mail.text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("the account's saved choice wins over the currency: USD that chose Chinese, CNY that chose English", async () => {
    const zh = await account('USD', 'zh');
    const { row, mail } = await overdue(zh, 'USD');
    expect(row.title).toBe('您的账号已欠费');
    expect(mail.subject).toBe('您的账号已欠费');
    expect(mail.text).toContain('欠费 $12.50');
    const en = await account('CNY', 'en');
    const out = await overdue(en, 'CNY');
    expect(out.row.title).toBe('Your account is overdue');
    expect(out.mail.subject).toBe('Your account is overdue');
    expect(out.mail.text).toContain('you owe ¥12.50');
  });

  it("webhooks: field names, type and facts stay machine data; the human title and body follow the account's language", async () => {
    const a = await account('CNY');
    const { endpoint } = await createWebhookEndpoint(db, { accountId: a.accountId, userId: a.userId, role: 'customer' }, { url: hookUrl });
    hooks.length = 0;
    await overdue(a, 'CNY');
    expect(hooks).toHaveLength(1);
    const body = JSON.parse(hooks[0]!) as { type: string; data: { kind: string; title: string; body: string; facts: Record<string, unknown> } };
    expect(body.type).toBe('account.overdue');
    expect(body.data.kind).toBe('account.overdue');
    expect(body.data.title).toBe('您的账号已欠费');
    expect(body.data.body).toContain('欠费 ¥12.50');
    expect(body.data.facts).toMatchObject({ currency: 'CNY', owed: '12.50' });

    hooks.length = 0;
    await sendWebhookTestEvent(db, { accountId: a.accountId, userId: a.userId, role: 'customer' }, endpoint.id);
    const test = JSON.parse(hooks[0]!) as { type: string; data: { title: string; body: string } };
    expect(test.type).toBe('webhook.test');
    expect(test.data.title).toBe('测试事件');
    expect(test.data.body).toContain('Webhook');
  });
});
