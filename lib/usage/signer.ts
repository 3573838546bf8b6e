import { USAGE_KEY_ID_PATTERN } from '@/lib/applications/schemas';
import { AppError } from '@/lib/errors';

/**
 * Who signs a usage API request (docs/usage-api.md, "Signing"): an application (X-SdkAppId:
 * the batch holds only its records) or an account usage key (X-Usage-Key-Id: the batch may
 * hold records of any application of the key's account; issue 11). Exactly one of the two,
 * with X-Timestamp and X-Signature; the recipe is the same (signature.ts).
 */
export type UsageSigner = { kind: 'application'; sdkAppId: number } | { kind: 'usage-key'; keyId: string };

export type SigningHeaders = { signer: UsageSigner; timestamp: string; signature: string };

/** A header's trimmed value, or null when absent or blank. */
export type HeaderReader = (name: string) => string | null;

export function readSigningHeaders(header: HeaderReader): SigningHeaders {
  const sdkAppIdText = header('x-sdkappid');
  const keyId = header('x-usage-key-id');
  const timestamp = header('x-timestamp');
  const signature = header('x-signature');
  if (sdkAppIdText && keyId) {
    throw new AppError('UNSIGNED', 'Send either X-SdkAppId (a batch of that application) or X-Usage-Key-Id (a batch of your account\'s applications), not both.');
  }
  const missing = [!sdkAppIdText && !keyId && 'X-SdkAppId (or X-Usage-Key-Id)', !timestamp && 'X-Timestamp', !signature && 'X-Signature'].filter(Boolean);
  if (missing.length) {
    throw new AppError('UNSIGNED', `The request is not signed: missing ${missing.join(', ')}. See the usage API documentation for the signing recipe.`);
  }
  if (keyId) {
    if (!USAGE_KEY_ID_PATTERN.test(keyId)) throw new AppError('UNSIGNED', 'X-Usage-Key-Id must be the id of one of your account usage keys (uk_…), as shown when it was created.');
    return { signer: { kind: 'usage-key', keyId }, timestamp: timestamp as string, signature: signature as string };
  }
  const sdkAppId = Number(sdkAppIdText);
  if (!/^\d{1,15}$/.test(sdkAppIdText as string) || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
    throw new AppError('UNSIGNED', 'X-SdkAppId must be your application\'s SDKAppID (a positive integer).');
  }
  return { signer: { kind: 'application', sdkAppId }, timestamp: timestamp as string, signature: signature as string };
}
