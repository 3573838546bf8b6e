import { describe, expect, test } from 'vitest';
import { deletionRefusal, previousKeyExpiry, signingKeyHashes, type SigningKeys } from './rules';

const none = { packages: 0, openPackages: 0, hasUsage: false, hasBillLines: false };

describe('deleting an application', () => {
  test.each([
    ['nothing billed or running', none, null],
    ['one active package', { ...none, packages: 1, openPackages: 1 }, 'SDKAppID 1400000001 cannot be deleted: it has 1 active or queued package. Disable it instead to stop it.'],
    ['past packages only', { ...none, packages: 2 }, 'SDKAppID 1400000001 cannot be deleted: packages were bought for it (kept as billing records). Disable it instead to stop it.'],
    [
      'usage and bills',
      { ...none, hasUsage: true, hasBillLines: true },
      'SDKAppID 1400000001 cannot be deleted: it has usage records, it appears on bills. Disable it instead to stop it.',
    ],
  ])('%s', (_label, footprint, expected) => {
    expect(deletionRefusal({ sdkAppId: 1_400_000_001 }, footprint)).toBe(expected);
  });
});

describe('signing keys after a rotation', () => {
  const now = new Date('2024-10-08T10:00:00+08:00');
  const app: SigningKeys = { secretKeyHash: 'new', previousSecretKeyHash: 'old', previousSecretKeyExpiresAt: previousKeyExpiry(now, false) };
  test.each<[string, typeof app, Date, string[]]>([
    ['within the 24 hours: both keys', app, new Date('2024-10-09T09:59:59+08:00'), ['new', 'old']],
    ['at 24 hours: only the new key', app, new Date('2024-10-09T10:00:00+08:00'), ['new']],
    ['leaked: only the new key at once', { ...app, previousSecretKeyHash: null, previousSecretKeyExpiresAt: previousKeyExpiry(now, true) }, now, ['new']],
  ])('%s', (_label, keys, at, expected) => {
    expect(signingKeyHashes(keys, at)).toEqual(expected);
  });
});
