import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingContacts, noticeDeliveries, noticeDeliveryAttempts, noticeEmailOptOuts, notifications, webhookEndpoints } from '@/db/schema';
import { listCapturedEmails } from '@/db/queries/dev-mail';
import { startMailCapture, type MailCapture } from '@/lib/email/capture-server';
import { enqueueNoticeDeliveries } from '@/lib/notices/deliveries';
import { createWebhookEndpoint, resendDelivery, sendWebhookTestEvent } from '@/lib/webhooks/service';
import { advanceTestClock } from '@/lib/dev-tools/advance';
import { testDb } from '@/tests/db';
import { createTestAccount, setTestClock } from '@/tests/factories';
import { drainAccountDeliveries } from './drain';

const { db } = testDb();
let capture: MailCapture;
const saved = { url: process.env.SMTP_URL, capture: process.env.MAIL_CAPTURE };
const T0 = new Date('2024-10-02T00:00:00+08:00');

type Hit = { headers: http.IncomingHttpHeaders; body: string };
let hits: Hit[] = [];
let answer = 200;
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
      hits.push({ headers: req.headers, body });
      res.statusCode = answer;
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

/** What `notify` does after its insert (lib/notices/notify.ts): the row, then its deliveries, in one transaction. */
async function writeNotice(accountId: string, kind: string, at: Date, occasion = at.toISOString()) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(notifications).values({ accountId, kind, subject: accountId, occasion, title: `Notice ${kind} ${occasion}`, body: 'Body text 42.00 USD', link: '/balance', payload: { amount: '42.00' }, at }).returning();
    await enqueueNoticeDeliveries(tx, row!);
    return row!;
  });
}

async function accountWithClock() {
  const a = await createTestAccount(db, { balance: '100' });
  await setTestClock(db, a.accountId, T0);
  return a;
}

describe('notice deliveries', () => {
  it('queue one email to the owner and one signed webhook per endpoint, sent once however often the lane is drained', async () => {
    const a = await accountWithClock();
    const { secret, endpoint } = await createWebhookEndpoint(db, { accountId: a.accountId, userId: a.userId, role: 'customer' }, { url: hookUrl });
    hits = [];
    answer = 200;
    const notice = await writeNotice(a.accountId, 'balance.below_threshold', T0);
    // Queued again (a retried transaction): nothing more.
    await db.transaction((tx) => enqueueNoticeDeliveries(tx, notice));
    const queued = await db.select().from(noticeDeliveries).where(eq(noticeDeliveries.notificationId, notice.id));
    expect(queued.map((d) => d.target).sort()).toEqual(['email', `webhook:${endpoint.id}`]);

    // Two concurrent drains and then a third: each delivery is sent exactly once.
    const opts = { until: T0, clock: 'test' as const, lock: 'try' as const };
    await Promise.all([drainAccountDeliveries(db, a.accountId, { ...opts, workerId: 'w1' }), drainAccountDeliveries(db, a.accountId, { ...opts, workerId: 'w2' })]);
    await drainAccountDeliveries(db, a.accountId, { ...opts, workerId: 'w3', lock: 'wait' });
    const mails = await listCapturedEmails(db, { role: 'admin' }, { to: a.email });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(notice.title);
    expect(mails[0]!.text).toContain('Body text 42.00 USD');
    expect(hits).toHaveLength(1);
    const body = new Webhook(secret).verify(hits[0]!.body, { 'webhook-id': String(hits[0]!.headers['webhook-id']), 'webhook-timestamp': String(hits[0]!.headers['webhook-timestamp']), 'webhook-signature': String(hits[0]!.headers['webhook-signature']) }) as { type: string; data: { noticeId: number; facts: { amount: string } } };
    expect(body.type).toBe('balance.below_threshold');
    expect(body.data.noticeId).toBe(notice.id);
    expect(body.data.facts.amount).toBe('42.00');
    expect(hits[0]!.headers['webhook-id']).toBe(`msg_notice_${notice.id}`);
    const after = await db.select().from(noticeDeliveries).where(eq(noticeDeliveries.notificationId, notice.id));
    expect(after.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    // A wrong secret does not verify.
    expect(() => new Webhook('whsec_' + Buffer.alloc(32, 1).toString('base64')).verify(hits[0]!.body, hits[0]!.headers as Record<string, string>)).toThrow();
  });

  it('send to the billing contacts, and respect opt-outs except for account-status kinds', async () => {
    const a = await accountWithClock();
    await db.insert(billingContacts).values([{ accountId: a.accountId, email: 'ap@contacts.test' }, { accountId: a.accountId, email: 'cfo@contacts.test' }]);
    await db.insert(noticeEmailOptOuts).values([{ accountId: a.accountId, kind: 'bill.monthly' }, { accountId: a.accountId, kind: 'account.suspended' }]);
    const bill = await writeNotice(a.accountId, 'bill.monthly', T0);
    const suspended = await writeNotice(a.accountId, 'account.suspended', T0);
    expect(await db.select().from(noticeDeliveries).where(eq(noticeDeliveries.notificationId, bill.id))).toHaveLength(0);
    const [d] = await db.select().from(noticeDeliveries).where(eq(noticeDeliveries.notificationId, suspended.id));
    expect(d!.payload).toEqual({ to: ['ap@contacts.test', 'cfo@contacts.test'] });
  });

  it('outage: SMTP capture down, advance, up, advance: every message arrives once and the log shows the retries', async () => {
    const a = await accountWithClock();
    const port = capture.port;
    await capture.stop();
    const n1 = await writeNotice(a.accountId, 'account.overdue', T0);
    const n2 = await writeNotice(a.accountId, 'account.suspension_warning', new Date(T0.getTime() + 20 * 3_600_000));
    const down = await advanceTestClock(db, a.accountId, { by: 26 * 3_600_000 });
    expect(down.deliveries.length).toBeGreaterThan(4);
    expect(down.deliveries.every((r) => r.outcome === 'retry')).toBe(true);
    expect(await listCapturedEmails(db, { role: 'admin' }, { to: a.email })).toHaveLength(0);
    capture = await startMailCapture(db, { port });
    const up = await advanceTestClock(db, a.accountId, { by: 24 * 3_600_000 });
    expect(up.deliveries.filter((r) => r.outcome === 'delivered')).toHaveLength(2);
    await advanceTestClock(db, a.accountId, { by: 3 * 86_400_000 });
    const mails = await listCapturedEmails(db, { role: 'admin' }, { to: a.email });
    expect(mails.map((m) => m.subject).sort()).toEqual([n1.title, n2.title].sort());
    for (const n of [n1, n2]) {
      const [d] = await db.select().from(noticeDeliveries).where(eq(noticeDeliveries.notificationId, n.id));
      const log = await db.select().from(noticeDeliveryAttempts).where(eq(noticeDeliveryAttempts.deliveryId, d!.id)).orderBy(asc(noticeDeliveryAttempts.id));
      expect(d!.status).toBe('delivered');
      expect(log.length).toBeGreaterThan(2);
      expect(log.slice(0, -1).every((l) => l.outcome === 'failed' && l.error)).toBe(true);
      expect(log.at(-1)!.outcome).toBe('succeeded');
      // Attempts at their own instants on the account's clock, growing apart.
      expect(log[1]!.at.getTime() - log[0]!.at.getTime()).toBe(60_000);
      console.log(`[outage] ${n.kind}: ${log.length} attempts, ${log.length - 1} failed, delivered at ${log.at(-1)!.at.toISOString()}`);
    }
  });

  it('give up after three days, disable the endpoint with a webhook.disabled notice, and never block the jobs', async () => {
    const a = await accountWithClock();
    const { endpoint } = await createWebhookEndpoint(db, { accountId: a.accountId, userId: a.userId, role: 'customer' }, { url: hookUrl });
    answer = 500;
    hits = [];
    const n = await writeNotice(a.accountId, 'package.expiring', T0);
    const r = await advanceTestClock(db, a.accountId, { by: 4 * 86_400_000 });
    // The jobs of those days ran (settlements), the clock reached the target.
    expect(r.blocked).toBeNull();
    expect(r.clock).toBe(new Date(T0.getTime() + 4 * 86_400_000).toISOString());
    const [d] = await db.select().from(noticeDeliveries).where(and(eq(noticeDeliveries.notificationId, n.id), eq(noticeDeliveries.channel, 'webhook')));
    expect(d!.status).toBe('failed');
    expect(d!.lastStatusCode).toBe(500);
    expect(d!.attempts).toBe(11);
    expect(hits).toHaveLength(11);
    const [e] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(e!.status).toBe('disabled');
    const disabled = await db.select().from(notifications).where(and(eq(notifications.accountId, a.accountId), eq(notifications.kind, 'webhook.disabled')));
    expect(disabled).toHaveLength(1);
    // Its email went out; nothing more to the disabled endpoint.
    const mails = await listCapturedEmails(db, { role: 'admin' }, { to: a.email });
    expect(mails.map((m) => m.subject)).toContain(disabled[0]!.title);
    answer = 200;
  });

  it('test events and resends are logged; a resend keeps the webhook-id; another account cannot resend', async () => {
    const a = await accountWithClock();
    const other = await createTestAccount(db);
    const { endpoint, secret } = await createWebhookEndpoint(db, { accountId: a.accountId, userId: a.userId, role: 'customer' }, { url: hookUrl });
    answer = 200;
    hits = [];
    const test = await sendWebhookTestEvent(db, { accountId: a.accountId, userId: a.userId, role: 'customer' }, endpoint.id);
    expect(test.outcome).toBe('delivered');
    expect(test.statusCode).toBe(200);
    expect(test.latencyMs).toBeGreaterThanOrEqual(0);
    const verified = new Webhook(secret).verify(hits[0]!.body, hits[0]!.headers as Record<string, string>) as { type: string };
    expect(verified.type).toBe('webhook.test');
    const again = await resendDelivery(db, { accountId: a.accountId, userId: a.userId, role: 'customer' }, test.deliveryId);
    expect(again.outcome).toBe('delivered');
    expect(hits).toHaveLength(2);
    expect(hits[1]!.headers['webhook-id']).toBe(hits[0]!.headers['webhook-id']);
    await expect(resendDelivery(db, { accountId: other.accountId, userId: other.userId, role: 'customer' }, test.deliveryId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sendWebhookTestEvent(db, { accountId: other.accountId, userId: other.userId, role: 'customer' }, endpoint.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('allow five endpoints per account and refuse a sixth and a bad URL', async () => {
    const a = await createTestAccount(db);
    const actor = { accountId: a.accountId, userId: a.userId, role: 'customer' as const };
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => createWebhookEndpoint(db, actor, { url: `https://hooks.example.test/${i}` }).catch((e: unknown) => e)));
    const rows = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.accountId, a.accountId));
    expect(rows).toHaveLength(5);
    await expect(createWebhookEndpoint(db, actor, { url: 'ftp://x' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(rows.every((r) => !r.secretCiphertext.includes('whsec_'))).toBe(true);
  });
});
