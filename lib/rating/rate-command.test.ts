import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

/** The `rate` command end to end (rating.md section 5), run the way check-rating runs it. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/rate.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

test('one line per file in order; bad files answer {file, error}, the others still rate, exit 1', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rate-'));
  const missing = path.join(dir, 'missing-seconds.json');
  writeFileSync(missing, JSON.stringify({ priceBook: 'trtc-2024-usd', usage: [{ type: 'media', app: 1, user: 'u', start: '2024-10-08T10:00:00+08:00', receive: [] }] }));
  const notJson = path.join(dir, 'not-json.json');
  writeFileSync(notJson, 'priceBook: trtc');
  const good = 'tests/golden/trtc-2024-av-example-1.json';
  const r = run([good, missing, notJson, 'tests/golden/hst-cny-signaling.json']);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.map((l) => l.file)).toEqual([good, missing, notJson, 'tests/golden/hst-cny-signaling.json']);
  expect(lines[0]).toMatchObject({ currency: 'USD', amount: '4.1364', total: '4.14' });
  expect(Object.keys(lines[0] ?? {})).toEqual(['file', 'currency', 'usage', 'deductions', 'lines', 'amount', 'total']);
  expect(lines[1]).toEqual({ file: missing, error: 'usage record 0: seconds: missing; expected a non-negative integer number of seconds' });
  expect(String(lines[2]?.error)).toMatch(/^not valid JSON/);
  expect(lines[3]).toMatchObject({ total: '50.00' });
  expect(r.status).toBe(1);
}, 30_000);

test('--book ID --jsonl FILE streams records and prints one line of the same shape', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rate-'));
  const file = path.join(dir, 'usage.jsonl');
  writeFileSync(file, [1200, 1200].map((s, i) => JSON.stringify({ type: 'media', app: 1, user: `u${i}`, start: '2024-10-08T10:00:00+08:00', seconds: s, receive: [{ stream: 'x', audio: true }] })).join('\n'));
  const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/rate.ts', '--book', 'rtv-cny', '--jsonl', file], { cwd: ROOT, encoding: 'utf8' }));
  expect(out).toEqual({ file, currency: 'CNY', usage: [{ item: 'audio', quantity: '40', unit: 'minute' }], deductions: [], lines: [{ item: 'audio', quantity: '40', unitPrice: '7.00', per: 1000, amount: '0.28' }], amount: '0.28', total: '0.28' });
}, 30_000);

test('an unknown book is an error line and exit 1', () => {
  const r = run(['--book', 'nope', '--jsonl', 'whatever.jsonl']);
  expect(JSON.parse(r.stdout)).toMatchObject({ file: 'whatever.jsonl', error: expect.stringContaining('unknown price book "nope"') });
  expect(r.status).toBe(1);
}, 30_000);
