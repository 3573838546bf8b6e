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
});
