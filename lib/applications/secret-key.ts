import { createHash, randomBytes } from 'node:crypto';

/**
 * Application secret keys (lifecycle.md, Applications: shown once). Only the SHA-256
 * digest is stored; the usage API's HMAC is keyed by that digest, so the server can
 * verify signatures without keeping the key itself, and the key text is never
 * recoverable from the database.
 */
export function generateSecretKey(): { secretKey: string; hash: string; hint: string } {
  const secretKey = `sk_${randomBytes(24).toString('base64url')}`;
  return { secretKey, hash: hashSecretKey(secretKey), hint: secretKey.slice(-4) };
}

export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey, 'utf8').digest('hex');
}
