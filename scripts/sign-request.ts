/**
 * Sign a usage API request (docs/usage-api.md) and print it as curl, or send it.
 *
 *   npx tsx scripts/sign-request.ts --app 1400000001 --key sk_... --file usage.jsonl [--url http://localhost:3000] [--send]
 *   npx tsx scripts/sign-request.ts --app 1400000001 --key sk_... --body '[{"type":"screenshot",...}]' --send
 *
 * --idempotency-key K   reuse a key (a retry); default: a new random key per run
 * --send                POST it and print the status and answer (exit 1 unless 2xx)
 * The secret key can also come from USAGE_SECRET_KEY, so it stays out of the shell history.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { signedUsageHeaders } from '@/lib/usage/signature';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function fail(message: string): never {
  console.error(message);
  console.error('usage: npx tsx scripts/sign-request.ts --app SDKAPPID --key SECRET_KEY (--file FILE | --body JSON) [--url URL] [--idempotency-key KEY] [--send]');
  process.exit(2);
}

const sdkAppId = Number(arg('app'));
const secretKey = arg('key') ?? process.env.USAGE_SECRET_KEY;
const file = arg('file');
const body = file ? fs.readFileSync(file, 'utf8') : arg('body');
const url = `${(arg('url') ?? 'http://localhost:3000').replace(/\/$/, '')}/api/v1/usage`;
if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) fail('--app must be the SDKAppID.');
if (!secretKey) fail('--key (or USAGE_SECRET_KEY) must be the application secret key.');
if (body === undefined) fail('Give the records with --file or --body.');

const headers = signedUsageHeaders({ sdkAppId, secretKey, body, idempotencyKey: arg('idempotency-key') ?? randomUUID() });

if (flag('send')) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  console.log(`${res.status} ${res.statusText}`);
  console.log(text);
  process.exit(res.ok ? 0 : 1);
} else {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const lines = [`curl -sS -X POST ${q(url)}`, ...Object.entries(headers).map(([k, v]) => `  -H ${q(`${k}: ${v}`)}`), file ? `  --data-binary @${q(file)}` : `  --data-binary ${q(body)}`];
  console.log(lines.join(' \\\n'));
  console.error(`# signed at X-Timestamp ${headers['X-Timestamp']}: send within 300 s`);
}
