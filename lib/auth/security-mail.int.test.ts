import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listCapturedEmails } from '@/db/queries/dev-mail';
import { accounts, users } from '@/db/schema';
import { registerCustomer } from '@/lib/accounts/sign-up';
import { startMailCapture, type MailCapture } from '@/lib/email/capture-server';
import { createTestAccount } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { requestPasswordReset, resetPassword, verifyEmailAddress } from './account-security';
import { recordSignInAttempt } from './rate-limit';
import { alertOwnerIfLockedOut } from './security-alerts';
import { MAX_FAILURES_PER_EMAIL } from './throttle-rules';

// Issue 13 items 3, 6, 7: the security emails through the real transport into the capture mailbox.
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

const mailbox = (to: string) => listCapturedEmails(db, { role: 'admin' }, { to });
const tokenIn = (text: string | null, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_-]{43})`).exec(text ?? '')?.[1];
const address = () => `192.0.2.${Math.floor(Math.random() * 250)}`;
const signUp = (email: string) => ({ name: 'Mail Studio', email, password: 'violet-tractor-91-oolong', currency: 'USD' as const, registeredAt: new Date(), address: address() });

describe('security emails', () => {
  test('a reset link arrives, works once, and the change is confirmed by email', async () => {
    const { email } = await createTestAccount(db);
    await requestPasswordReset(db, { email, address: address() });
    const [mail] = await mailbox(email);
    expect(mail!.subject).toBe('Reset your TRTC Billing password');
    const token = tokenIn(mail!.text, '/reset-password');
    expect(token).toBeDefined();
    await resetPassword(db, { token: token!, newPassword: 'another-strong-passphrase' });
    await expect(resetPassword(db, { token: token!, newPassword: 'another-strong-passphrase-2' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await mailbox(email)).map((m) => m.subject)).toContain('Your TRTC Billing password was changed');
  });

  test('sign-up sends a confirmation link to a new address and a note to an existing owner', async () => {
    const fresh = `fresh-${randomUUID()}@example.test`;
    await registerCustomer(db, signUp(fresh));
    const [verify] = await mailbox(fresh);
    expect(verify!.subject).toBe('Confirm your email address for TRTC Billing');
    expect(await verifyEmailAddress(db, tokenIn(verify!.text, '/verify-email')!)).toBe(true);
    const [u] = await db.select().from(users).where(eq(users.email, fresh));
    expect(u!.emailVerifiedAt).not.toBeNull();

    const { email: taken } = await createTestAccount(db);
    await registerCustomer(db, signUp(taken));
    const mails = await mailbox(taken);
    expect(mails.map((m) => m.subject)).toEqual(['Someone tried to sign up with your email address']);
    expect(mails[0]!.text).not.toMatch(/token=/);
  });

  test('the owner is told once when the per-email ceiling trips', async () => {
    const { email } = await createTestAccount(db);
    expect(await alertOwnerIfLockedOut(db, email)).toBe(false);
    await db.transaction(async (tx) => {
      for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await recordSignInAttempt(tx, email, address(), false);
    });
    expect(await alertOwnerIfLockedOut(db, email)).toBe(true);
    expect(await alertOwnerIfLockedOut(db, email)).toBe(false);
    expect((await mailbox(email)).map((m) => m.subject)).toEqual(['Many failed sign-ins to your TRTC Billing account']);
  });
});

describe('security emails in the account language (issue 14 item 4)', () => {
  const resetMail = async (currency: 'USD' | 'CNY', locale: 'en' | 'zh' | null = null) => {
    const { email, accountId } = await createTestAccount(db, { currency, name: 'Mail Studio' });
    if (locale) await db.update(accounts).set({ locale }).where(eq(accounts.id, accountId));
    await db.update(users).set({ name: '王小明' }).where(eq(users.email, email));
    await requestPasswordReset(db, { email, address: address() });
    const [mail] = await mailbox(email);
    return mail!;
  };

  test('a CNY account gets its reset link in Chinese, subject and body', async () => {
    const mail = await resetMail('CNY');
    expect(mail.subject).toBe('重置您的 TRTC 计费控制台密码');
    expect(mail.text).toContain('王小明，您好：');
    expect(mail.text).toContain('30 分钟内有效');
    expect(mail.text).toContain('我们绝不会通过邮件索要您的密码');
    expect(mail.html).toContain('lang="zh-CN"');
    expect(tokenIn(mail.text, '/reset-password')).toBeDefined();
    expect(mail.text).not.toMatch(/Hello|Someone asked/);
  });

  test('a USD account gets it in English; a USD account that chose Chinese gets Chinese', async () => {
    const en = await resetMail('USD');
    expect(en.subject).toBe('Reset your TRTC Billing password');
    expect(en.text).toContain('Hello 王小明,');
    expect(en.text).toContain('It works once, for 30 minutes.');
    expect(en.html).toContain('lang="en"');
    const zh = await resetMail('USD', 'zh');
    expect(zh.subject).toBe('重置您的 TRTC 计费控制台密码');
    expect(zh.text).toContain('设置新密码');
  });

  test('a CNY sign-up gets its confirmation link in Chinese (套餐包); a CNY owner that chose English is told in English', async () => {
    const fresh = `fresh-zh-${randomUUID()}@example.test`;
    await registerCustomer(db, { ...signUp(fresh), currency: 'CNY' });
    const [verify] = await mailbox(fresh);
    expect(verify!.subject).toBe('验证您在 TRTC 计费控制台的邮箱地址');
    expect(verify!.text).toContain('套餐包');
    expect(verify!.text).toContain('48 小时内有效');
    expect(tokenIn(verify!.text, '/verify-email')).toBeDefined();

    const { email: taken, accountId } = await createTestAccount(db, { currency: 'CNY' });
    await db.update(accounts).set({ locale: 'en' }).where(eq(accounts.id, accountId));
    await registerCustomer(db, signUp(taken));
    expect((await mailbox(taken)).map((m) => m.subject)).toEqual(['Someone tried to sign up with your email address']);
  });
});
