import { createHmac, timingSafeEqual } from 'node:crypto';
import { hashSecretKey } from '@/lib/applications/secret-key';
import { USAGE_API_LIMITS } from './limits';

/**
 * Usage API request signing (docs/usage-api.md).
 *
 *   key       = sha256_hex(secretKey)          the 64 lowercase hex characters, as UTF-8 bytes
 *   message   = `${timestamp}\n${idempotencyKey}\n${rawBody}`
 *   signature = hex(HMAC-SHA256(key, message))
 *
 * The server stores only sha256_hex(secretKey) (lib/applications/secret-key.ts), so
 * that digest is the HMAC key. The Idempotency-Key is signed too: otherwise a request
 * captured inside the timestamp window could be replayed under a fresh key and stored
 * twice.
 */
export function signingMessage(timestamp: string, idempotencyKey: string, rawBody: string | Buffer): Buffer {
  const head = Buffer.from(`${timestamp}\n${idempotencyKey}\n`, 'utf8');
  return Buffer.concat([head, typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody]);
}

/**
 * The signature from the stored key hash (server side). The head and the body are fed to
 * the HMAC one after the other (the same bytes as signingMessage), so a batch's body is
 * hashed where it lies instead of first being copied behind its head.
 */
export function signWithKeyHash(keyHashHex: string, timestamp: string, idempotencyKey: string, rawBody: string | Buffer): string {
  return createHmac('sha256', Buffer.from(keyHashHex, 'utf8')).update(`${timestamp}\n${idempotencyKey}\n`, 'utf8').update(rawBody).digest('hex');
}

/** The signature from the secret key itself (client side: scripts/sign-request.ts). */
export function signUsageRequest(secretKey: string, timestamp: string, idempotencyKey: string, rawBody: string | Buffer): string {
  return signWithKeyHash(hashSecretKey(secretKey), timestamp, idempotencyKey, rawBody);
}

/**
 * Headers for a signed request (client side): signed by an application (`sdkAppId`, its
 * secret key) or by an account usage key (`usageKeyId`, the key's secret; issue 11).
 */
export function signedUsageHeaders(
  options: ({ sdkAppId: number; usageKeyId?: never } | { usageKeyId: string; sdkAppId?: never }) & { secretKey: string; body: string; idempotencyKey: string; now?: Date },
): Record<string, string> {
  const timestamp = String(Math.floor((options.now ?? new Date()).getTime() / 1000));
  return {
    'Content-Type': 'application/json',
    ...(options.usageKeyId !== undefined ? { 'X-Usage-Key-Id': options.usageKeyId } : { 'X-SdkAppId': String(options.sdkAppId) }),
    'X-Timestamp': timestamp,
    'Idempotency-Key': options.idempotencyKey,
    'X-Signature': signUsageRequest(options.secretKey, timestamp, options.idempotencyKey, options.body),
  };
}

/** Constant-time comparison of a presented signature with the expected one. */
export function verifySignature(keyHashHex: string, timestamp: string, idempotencyKey: string, rawBody: string | Buffer, presented: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(presented)) return false;
  const expected = Buffer.from(signWithKeyHash(keyHashHex, timestamp, idempotencyKey, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(presented.toLowerCase(), 'hex'));
}

export type TimestampCheck = { ok: true; seconds: number } | { ok: false; reason: 'malformed' | 'stale'; skewSeconds?: number };

/**
 * X-Timestamp is unix seconds and must be within ±window of the server's real time
 * (replay protection is about real time, not an account's test clock: records' `start`
 * are business times and may be anything).
 */
export function checkTimestamp(value: string, now: Date, windowSeconds: number = USAGE_API_LIMITS.timestampWindowSeconds): TimestampCheck {
  if (!/^\d{1,12}$/.test(value)) return { ok: false, reason: 'malformed' };
  const seconds = Number(value);
  const skew = seconds - Math.floor(now.getTime() / 1000);
  if (Math.abs(skew) > windowSeconds) return { ok: false, reason: 'stale', skewSeconds: skew };
  return { ok: true, seconds };
}
