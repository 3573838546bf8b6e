import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { mailConfig, redact } from './config';
import { accountLocale } from '@/lib/i18n/config';
import { renderEmail } from './render';
import { NoticeEmail } from './templates/notice-email';
import { TestEmail } from './templates/test-email';

describe('email templates', () => {
  it('render a notice as HTML and plain text with its title, body, time and link', async () => {
    const out = await renderEmail(
      createElement(NoticeEmail, { language: 'en', accountName: 'Acme', title: 'Balance below 50.00 USD', body: 'Your balance is 42.10 USD.', at: '2024-10-02 00:00', url: 'https://console.example/balance' }),
    );
    expect(out.html).toContain('<html');
    expect(out.html).toContain('Balance below 50.00 USD');
    expect(out.html).toContain('href="https://console.example/balance"');
    expect(out.text).toContain('Balance below 50.00 USD');
    expect(out.text).toContain('Your balance is 42.10 USD.');
    expect(out.text).toContain('2024-10-02 00:00');
    expect(out.text).not.toContain('<');
  });

  it('use Chinese for the frame of a Chinese account', async () => {
    const out = await renderEmail(createElement(NoticeEmail, { language: 'zh', accountName: '测试', title: 'T', body: 'B', at: 'x', url: null }));
    expect(out.text).toContain('测试，您好');
    expect(out.html).toContain('lang="zh-CN"');
    expect(out.text).not.toContain('Open in the console');
    const test = await renderEmail(createElement(TestEmail, { language: 'zh' }));
    expect(test.text).toContain('测试邮件');
  });

  it("pick the account's language: its saved choice, else Chinese for CNY", () => {
    expect(accountLocale({ currency: 'CNY' })).toBe('zh');
    expect(accountLocale({ currency: 'USD' })).toBe('en');
    expect(accountLocale({ currency: 'CNY', locale: 'en' })).toBe('en');
    expect(accountLocale({ currency: 'USD', locale: 'zh' })).toBe('zh');
  });
});

describe('mail configuration', () => {
  it('is off in production without SMTP_URL and says so', () => {
    const before = process.env.APP_ENV;
    process.env.APP_ENV = 'production';
    try {
      const c = mailConfig({ APP_ENV: 'production' } as unknown as NodeJS.ProcessEnv);
      expect(c.enabled).toBe(false);
      if (!c.enabled) expect(c.reason).toMatch(/SMTP_URL is not set/);
    } finally {
      process.env.APP_ENV = before;
    }
  });
  it('uses SMTP_URL and never shows its password', () => {
    const c = mailConfig({ SMTP_URL: 'smtps://user:s3cret@mail.example:465' } as unknown as NodeJS.ProcessEnv);
    expect(c.enabled).toBe(true);
    if (c.enabled) {
      expect(c.url).toBe('smtps://user:s3cret@mail.example:465');
      expect(c.description).not.toContain('s3cret');
    }
    expect(redact('smtp://a:b@h:25')).toBe('smtp://a:***@h:25');
  });
});
