import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { curlExample } from '@/lib/usage/curl-example';

/** How to send usage: the signing recipe and a curl example with the customer's SDKAppID. */
export function SendUsageHelp({ origin, sdkAppId, compact = false }: { origin: string; sdkAppId: number | null; compact?: boolean }) {
  const t = useTranslations('usage.help');
  const code = (chunks: ReactNode) => <code>{chunks}</code>;
  const pill = (chunks: ReactNode) => <code className="rounded bg-slate-100 px-1">{chunks}</code>;
  return (
    <div className="space-y-3 text-left text-sm text-slate-600">
      {!compact && (
        <p>{t.rich('intro', { code: pill })}</p>
      )}
      <ul className="list-disc space-y-1 pl-5">
        <li>{t.rich('headers', { code })}</li>
        <li>{t.rich('signature', { code })}</li>
      </ul>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100" data-testid="curl-example">
        {curlExample(origin, sdkAppId ?? 1400000001)}
      </pre>
      <p className="text-xs text-slate-500">{t.rich('helper', { code, app: String(sdkAppId ?? 'SDKAPPID'), origin })}</p>
    </div>
  );
}
