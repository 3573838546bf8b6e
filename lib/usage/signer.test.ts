import { describe, expect, test } from 'vitest';
import { AppError } from '@/lib/errors';
import { signedUsageHeaders, signUsageRequest } from './signature';
import { readSigningHeaders } from './signer';

const reader = (headers: Record<string, string>) => (name: string) => {
  const hit = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return hit && hit[1].trim() !== '' ? hit[1].trim() : null;
};
const refusal = (headers: Record<string, string>) => {
  try {
    readSigningHeaders(reader(headers));
  } catch (e) {
    return e instanceof AppError ? [e.code, e.message] : e;
  }
  return null;
};
const keyId = 'uk_AbCdEfGhIjKlMnOpQrStUv';

describe('usage API signing headers (issue 11: an application or an account usage key)', () => {
  test('X-SdkAppId names an application signer, X-Usage-Key-Id a usage key signer', () => {
    expect(readSigningHeaders(reader({ 'X-SdkAppId': '1400000001', 'X-Timestamp': '1728352800', 'X-Signature': 'ab' }))).toEqual({
      signer: { kind: 'application', sdkAppId: 1400000001 },
      timestamp: '1728352800',
      signature: 'ab',
    });
    expect(readSigningHeaders(reader({ 'X-Usage-Key-Id': ` ${keyId} `, 'X-Timestamp': '1728352800', 'X-Signature': 'ab' })).signer).toEqual({ kind: 'usage-key', keyId });
  });

  test.each([
    ['neither signer', { 'X-Timestamp': '1', 'X-Signature': 'ab' }, /missing X-SdkAppId \(or X-Usage-Key-Id\)\./],
    ['both signers', { 'X-SdkAppId': '1400000001', 'X-Usage-Key-Id': keyId, 'X-Timestamp': '1', 'X-Signature': 'ab' }, /not both/],
    ['a blank key id and no signature', { 'X-Usage-Key-Id': ' ', 'X-Timestamp': '1' }, /missing X-SdkAppId \(or X-Usage-Key-Id\), X-Signature\./],
    ['a key id that is not one', { 'X-Usage-Key-Id': 'sk_secret-by-mistake', 'X-Timestamp': '1', 'X-Signature': 'ab' }, /X-Usage-Key-Id must be the id/],
    ['an SDKAppID that is not a number', { 'X-SdkAppId': '14e8', 'X-Timestamp': '1', 'X-Signature': 'ab' }, /X-SdkAppId must be/],
  ])('%s → 401 UNSIGNED', (_label, headers, message) => {
    const r = refusal(headers) as [string, string];
    expect(r[0]).toBe('UNSIGNED');
    expect(r[1]).toMatch(message);
  });

  test('signedUsageHeaders signs for a usage key with the same recipe, naming the key instead of an application', () => {
    const body = '[]';
    const now = new Date('2024-10-08T02:00:00Z');
    const byKey = signedUsageHeaders({ usageKeyId: keyId, secretKey: 'sk_x', body, idempotencyKey: 'b-1', now });
    expect(Object.keys(byKey)).toEqual(['Content-Type', 'X-Usage-Key-Id', 'X-Timestamp', 'Idempotency-Key', 'X-Signature']);
    expect(byKey['X-Signature']).toBe(signUsageRequest('sk_x', '1728352800', 'b-1', body));
    // An application's headers are as before (order included).
    expect(Object.keys(signedUsageHeaders({ sdkAppId: 1400000001, secretKey: 'sk_x', body, idempotencyKey: 'b-1', now }))).toEqual(['Content-Type', 'X-SdkAppId', 'X-Timestamp', 'Idempotency-Key', 'X-Signature']);
  });
});
