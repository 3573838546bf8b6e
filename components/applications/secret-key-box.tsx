import { OneTimeSecret } from '@/components/ui/one-time-secret';

/** The secret key, shown once, with a copy button and the warning that it will not be shown again. */
export function SecretKeyBox({ sdkAppId, secretKey }: { sdkAppId: number; secretKey: string }) {
  return (
    <OneTimeSecret label="Secret key" heading="Copy the secret key now: it is shown only this once." secret={secretKey} testId="secret-key-box" secretTestId="secret-key">
      We keep only a hash of it. The usage API needs it to sign requests for SDKAppID <span className="font-mono">{sdkAppId}</span>. If you lose it, rotate the key on the application&apos;s page.
    </OneTimeSecret>
  );
}
