import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCapturedEmails } from '@/db/queries/dev-mail';
import { testDb } from '@/tests/db';
import { startMailCapture, type MailCapture } from './capture-server';
import { sendEmail } from './transport';

const { db } = testDb();
let capture: MailCapture;
const saved = { url: process.env.SMTP_URL, capture: process.env.MAIL_CAPTURE };

beforeAll(async () => {
  capture = await startMailCapture(db);
  process.env.SMTP_URL = capture.url;
  process.env.MAIL_CAPTURE = '1';
});
afterAll(async () => {
  await capture.stop();
  process.env.SMTP_URL = saved.url;
  process.env.MAIL_CAPTURE = saved.capture;
});

describe('embedded SMTP capture', () => {
  it('keeps what sendEmail sends, parsed, and filters by recipient and account', async () => {
    const accountId = '0b6a2c1e-1111-4222-8333-444455556666';
    const to = `cap-${Date.now()}@example.test`;
    const sent = await sendEmail({ to: [to, 'Second@Example.test'], subject: 'Hello 你好', html: '<p>Hi <b>there</b></p>', text: 'Hi there', accountId, headers: { 'X-Notice-Id': '42' } });
    expect(sent.accepted).toContain(to);
    const [mail] = await listCapturedEmails(db, { role: 'admin' }, { to: to.toUpperCase() });
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe('Hello 你好');
    expect(mail!.text?.trim()).toBe('Hi there');
    expect(mail!.html).toContain('<b>there</b>');
    expect(mail!.envelopeTo).toEqual([to, 'second@example.test']);
    expect(mail!.accountId).toBe(accountId);
    expect((mail!.headers as Record<string, string>)['x-notice-id']).toBe('42');
    // A customer sees their account's mail, not another's.
    expect(await listCapturedEmails(db, { role: 'customer', accountId, email: 'x@example.test' }, { to })).toHaveLength(1);
    expect(await listCapturedEmails(db, { role: 'customer', accountId: '0b6a2c1e-9999-4222-8333-444455556666', email: 'x@example.test' }, { to })).toHaveLength(0);
  });

  it('refuses to send while it is stopped, and accepts again on the same port', async () => {
    const port = capture.port;
    await capture.stop();
    await expect(sendEmail({ to: 'down@example.test', subject: 'x', html: 'x', text: 'x' })).rejects.toThrow();
    capture = await startMailCapture(db, { port });
    await sendEmail({ to: 'down@example.test', subject: 'after restart', html: 'x', text: 'x' });
    const got = await listCapturedEmails(db, { role: 'admin' }, { to: 'down@example.test' });
    expect(got.map((m) => m.subject)).toEqual(['after restart']);
  });
});
