import { curlExample } from '@/lib/usage/curl-example';

/** How to send usage: the signing recipe and a curl example with the customer's SDKAppID. */
export function SendUsageHelp({ origin, sdkAppId, compact = false }: { origin: string; sdkAppId: number | null; compact?: boolean }) {
  return (
    <div className="space-y-3 text-left text-sm text-slate-600">
      {!compact && (
        <p>
          Send records to <code className="rounded bg-slate-100 px-1">POST /api/v1/usage</code> as a JSON array or JSON Lines (up to 10,000 records or 5 MB a
          batch), signed with the application&apos;s secret key:
        </p>
      )}
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <code>X-SdkAppId</code>, <code>X-Timestamp</code> (unix seconds, within ±300 s of the server&apos;s clock) and an <code>Idempotency-Key</code> (a retried
          batch is stored once);
        </li>
        <li>
          <code>X-Signature</code> = hex(HMAC-SHA256(key = sha256_hex(secret key), <code>timestamp + &quot;\n&quot; + idempotency key + &quot;\n&quot; + body</code>)).
        </li>
      </ul>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100" data-testid="curl-example">
        {curlExample(origin, sdkAppId ?? 1400000001)}
      </pre>
      <p className="text-xs text-slate-500">
        Or sign with the helper: <code>npx tsx scripts/sign-request.ts --app {sdkAppId ?? 'SDKAPPID'} --key sk_... --file usage.jsonl --url {origin}</code>. A refused
        batch stores nothing and answers which record and field to fix.
      </p>
    </div>
  );
}
