import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { appEnv } from '@/lib/clock/app-env';

/**
 * Webhook signing secrets (Standard Webhooks: `whsec_` + base64 of 32 random bytes),
 * shown to the customer once. Unlike application keys (SHA-256 kept, lib/applications/
 * secret-key.ts) they cannot be hashed: the receiver verifies with the library and the
 * secret itself, so the sender must HMAC with the very same bytes on every send. They are
 * kept encrypted (AES-256-GCM) under a key derived from WEBHOOK_SECRET_KEY, else
 * AUTH_SECRET, so a copy of the database alone cannot forge signatures. Changing that
 * key makes existing secrets unreadable: rotate them on the webhooks page afterwards.
 */
export function generateWebhookSecret(): { secret: string; hint: string } {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  return { secret, hint: secret.slice(-4) };
}

function encryptionKey(): Buffer {
  const material = process.env.WEBHOOK_SECRET_KEY || process.env.AUTH_SECRET;
  if (!material) {
    if (appEnv() === 'production') throw new Error('WEBHOOK_SECRET_KEY or AUTH_SECRET must be set to keep webhook secrets.');
    // Development and test only: a fixed key, so the worker and the app agree without set-up.
    return Buffer.from(hkdfSync('sha256', 'trtc-billing-development-only', 'trtc-billing', 'webhook-secrets', 32));
  }
  return Buffer.from(hkdfSync('sha256', material, 'trtc-billing', 'webhook-secrets', 32));
}

export function encryptWebhookSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv);
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptWebhookSecret(stored: string): string {
  const [version, iv, tag, ct] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !ct) throw new Error('unreadable webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}
