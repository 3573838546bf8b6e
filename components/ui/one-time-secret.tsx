'use client';

import { useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';

/**
 * A secret shown only this once (an application's secret key, a webhook endpoint's signing
 * secret: lifecycle.md, Applications; issue 10 item 5), with a copy button. Only a hash or
 * an encrypted copy is kept, so the page says so and asks to copy it now.
 */
export function OneTimeSecret({ label, heading, secret, testId, secretTestId, children }: { label: string; heading: string; secret: string; testId: string; secretTestId: string; children: ReactNode }) {
  const [copied, setCopied] = useState(false);
  const t = useTranslations('ui.secret');
  return (
    <div className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200" role="region" aria-label={label} data-testid={testId}>
      <p className="text-sm font-semibold text-amber-900">{heading}</p>
      <p className="mt-1 break-words text-sm text-amber-900/90">{children}</p>
      <div className="mt-3 flex items-stretch gap-2">
        <code className="min-w-0 flex-1 select-all break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-amber-300" data-testid={secretTestId}>
          {secret}
        </code>
        <button
          type="button"
          className="rounded-md bg-amber-600 px-3 text-sm font-semibold text-white hover:bg-amber-500"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied(true);
            } catch {
              // No clipboard (an insecure origin, a denied permission): the secret stays selectable.
              setCopied(false);
            }
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
    </div>
  );
}
