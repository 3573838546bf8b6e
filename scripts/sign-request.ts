/**
 * Sign a usage API request (docs/usage-api.md) and print it as curl, or send it.
 *
 *   npx tsx scripts/sign-request.ts --app 1400000001 --key sk_... --file usage.jsonl [--url http://localhost:3000] [--send]
 *   npx tsx scripts/sign-request.ts --app 1400000001 --key sk_... --body '[{"type":"screenshot",...}]' --send
 *   npx tsx scripts/sign-request.ts --usage-key uk_... --key sk_... --file usage.jsonl --send   (an account usage key:
 *                         records of any application of the account; issue 11)
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
  console.error('usage: npx tsx scripts/sign-request.ts (--app SDKAPPID | --usage-key KEY_ID) --key SECRET (--file FILE | --body JSON) [--url URL] [--idempotency-key KEY] [--send]');
  process.exit(2);
}

const usageKeyId = arg('usage-key');
const sdkAppId = Number(arg('app'));
const secretKey = arg('key') ?? process.env.USAGE_SECRET_KEY;
const file = arg('file');
const body = file ? fs.readFileSync(file, 'utf8') : arg('body');
const url = `${(arg('url') ?? 'http://localhost:3000').replace(/\/$/, '')}/api/v1/usage`;
if (usageKeyId !== undefined && arg('app') !== undefined) fail('Give --app (an application signs) or --usage-key (an account usage key signs), not both.');
if (usageKeyId === undefined && (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0)) fail('--app must be the SDKAppID (or give --usage-key).');
if (!secretKey) fail('--key (or USAGE_SECRET_KEY) must be the secret of the application or of the usage key.');
if (body === undefined) fail('Give the records with --file or --body.');

const idempotencyKey = arg('idempotency-key') ?? randomUUID();
const headers = usageKeyId !== undefined ? signedUsageHeaders({ usageKeyId, secretKey, body, idempotencyKey }) : signedUsageHeaders({ sdkAppId, secretKey, body, idempotencyKey });

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
