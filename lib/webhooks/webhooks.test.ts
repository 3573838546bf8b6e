import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { webhookUrlProblem } from './rules';
import { decryptWebhookSecret, encryptWebhookSecret, generateWebhookSecret } from './secret';
import { signWebhook } from './sign';

describe('webhook signing', () => {
  it('produces Standard Webhooks headers the library verifies, and only with the right secret', () => {
    const { secret } = generateWebhookSecret();
    const body = JSON.stringify({ type: 'bill.monthly', data: { total: '12.30' } });
    const headers = signWebhook(secret, 'msg_notice_7', body, new Date());
    expect(headers['webhook-id']).toBe('msg_notice_7');
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret().secret).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('12.30', '99.99'), headers)).toThrow();
  });

  it('keeps secrets encrypted and reads them back', () => {
    const { secret, hint } = generateWebhookSecret();
    const stored = encryptWebhookSecret(secret);
    expect(stored).not.toContain(secret.slice(6, 20));
    expect(decryptWebhookSecret(stored)).toBe(secret);
    expect(secret.endsWith(hint)).toBe(true);
    expect(() => decryptWebhookSecret(stored.slice(0, -2) + 'AA')).toThrow();
  });

  it('accepts HTTPS everywhere and plain HTTP only outside production', () => {
    expect(webhookUrlProblem('https://example.com/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://example.com/hook', true)).toMatch(/HTTPS/);
    expect(webhookUrlProblem('http://127.0.0.1:9/hook', false)).toBeNull();
    expect(webhookUrlProblem('not a url', false)).toMatch(/absolute URL/);
    expect(webhookUrlProblem('https://u:p@example.com/', false)).toMatch(/password/);
  });

  it('refuse loopback, private and link-local hosts in production only', () => {
    for (const url of ['https://localhost/hook', 'https://api.localhost/x', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://172.20.0.1/x', 'https://192.168.1.1/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00::1]/x', 'https://[fe80::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://0.0.0.0/x', 'https://2130706433/x']) {
      expect(webhookUrlProblem(url, true), url).toMatch(/public host name/);
      expect(webhookUrlProblem(url, false), url).toBeNull();
    }
    for (const url of ['https://example.com/hook', 'https://8.8.8.8/x', 'https://172.32.0.1/x', 'https://[2001:db8::1]/x', 'https://fcdn.example.com/x']) expect(webhookUrlProblem(url, true), url).toBeNull();
  });
});
