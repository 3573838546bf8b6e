import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { checkTimestamp, signedUsageHeaders, signingMessage, signUsageRequest, signWithKeyHash, verifySignature } from './signature';

const secretKey = 'sk_test_0123456789abcdef';
const keyHash = createHash('sha256').update(secretKey).digest('hex');
const body = '[{"type":"screenshot","app":1400000001,"start":"2024-10-08T10:00:00+08:00","count":3}]';

describe('usage API signature', () => {
  test('is HMAC-SHA256 keyed by sha256_hex(secret key) as text, over timestamp, idempotency key and body', () => {
    const expected = createHmac('sha256', keyHash).update(`1728352800\nbatch-1\n${body}`).digest('hex');
    expect(signUsageRequest(secretKey, '1728352800', 'batch-1', body)).toBe(expected);
  });

  test('signs the bytes of signingMessage, from a string body or the same body as bytes (non-ASCII included)', () => {
    const text = `${body}\n{"type":"media","room":"café ☕ 🎧"}`;
    const expected = createHmac('sha256', keyHash).update(signingMessage('1728352800', 'batch-1', text)).digest('hex');
    expect(signWithKeyHash(keyHash, '1728352800', 'batch-1', text)).toBe(expected);
    expect(signWithKeyHash(keyHash, '1728352800', 'batch-1', Buffer.from(text))).toBe(expected);
    expect(verifySignature(keyHash, '1728352800', 'batch-1', Buffer.from(text), expected)).toBe(true);
  });

  test.each([
    ['the right signature', (s: string) => s, true],
    ['upper-case hex', (s: string) => s.toUpperCase(), true],
    ['one changed character', (s: string) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1), false],
    ['a truncated signature', (s: string) => s.slice(0, 63), false],
    ['not hex', () => 'z'.repeat(64), false],
    ['empty', () => '', false],
  ])('%s verifies: %s', (_label, mutate, ok) => {
    const sig = signUsageRequest(secretKey, '1728352800', 'batch-1', body);
    expect(verifySignature(keyHash, '1728352800', 'batch-1', body, mutate(sig))).toBe(ok);
  });

  test.each([
    ['another body', '1728352800', 'batch-1', body.replace('3', '4')],
    ['another timestamp', '1728352801', 'batch-1', body],
    ['another idempotency key (a captured request cannot be re-keyed)', '1728352800', 'batch-2', body],
  ])('%s does not verify', (_label, ts, key, b) => {
    const sig = signUsageRequest(secretKey, '1728352800', 'batch-1', body);
    expect(verifySignature(keyHash, ts, key, b, sig)).toBe(false);
  });

  test('a different secret key does not verify', () => {
    const sig = signUsageRequest('sk_other', '1728352800', 'batch-1', body);
    expect(verifySignature(keyHash, '1728352800', 'batch-1', body, sig)).toBe(false);
  });

  test('signed headers carry the timestamp in unix seconds', () => {
    const h = signedUsageHeaders({ sdkAppId: 1400000001, secretKey, body, idempotencyKey: 'k', now: new Date('2024-10-08T02:00:00.900Z') });
    expect(h['X-Timestamp']).toBe('1728352800');
    expect(verifySignature(keyHash, '1728352800', 'k', body, h['X-Signature'] as string)).toBe(true);
  });
});

describe('timestamp window (±300 s of real time)', () => {
  const now = new Date('2024-10-08T02:00:00Z'); // 1728352800
  test.each([
    ['exactly now', '1728352800', true],
    ['300 s behind', '1728352500', true],
    ['300 s ahead', '1728353100', true],
    ['301 s behind', '1728352499', false],
    ['301 s ahead', '1728353101', false],
    ['milliseconds by mistake', '1728352800000', false],
    ['not a number', '2024-10-08T02:00:00Z', false],
    ['negative', '-5', false],
  ])('%s → %s', (_label, value, ok) => {
    expect(checkTimestamp(value, now).ok).toBe(ok);
  });

  test('a stale timestamp reports its skew', () => {
    expect(checkTimestamp('1728352000', now)).toEqual({ ok: false, reason: 'stale', skewSeconds: -800 });
  });
});
