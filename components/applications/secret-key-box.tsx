'use client';

import { useState } from 'react';

/** The secret key, shown once, with a copy button and the warning that it will not be shown again. */
export function SecretKeyBox({ sdkAppId, secretKey }: { sdkAppId: number; secretKey: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200" role="region" aria-label="Secret key" data-testid="secret-key-box">
      <p className="text-sm font-semibold text-amber-900">Copy the secret key now: it is shown only this once.</p>
      <p className="mt-1 text-sm text-amber-900/90">
        We keep only a hash of it. The usage API needs it to sign requests for SDKAppID <span className="font-mono">{sdkAppId}</span>. If you lose it, rotate the key on the application's page.
      </p>
      <div className="mt-3 flex items-stretch gap-2">
        <code className="flex-1 select-all break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-amber-300" data-testid="secret-key">
          {secretKey}
        </code>
        <button
          type="button"
          className="rounded-md bg-amber-600 px-3 text-sm font-semibold text-white hover:bg-amber-500"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secretKey);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
