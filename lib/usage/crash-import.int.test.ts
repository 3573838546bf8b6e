import { runKillableChild } from '@/tests/kill-child';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { usageBatches } from '@/db/schema';
import { drainAccount } from '@/lib/jobs/runner';
import { financialSnapshot, usageSnapshot } from '@/lib/settlement/test-support';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { importUsageFile } from './import';

/**
 * Issue 11, Done when: "Kill a worker mid-import: the rerun leaves the bills, ledger,
 * aggregates and raw records of a clean run." A child process imports two files with the
 * real import and is SIGKILLed while the second file's transaction is open (records and
 * aggregates written, not committed); the file is imported again, the days are settled, and
 * everything is compared row by row with an account that imported the same files cleanly.
 */
const { db, sql } = testDb();
const REG = new Date('2024-10-01T00:00:00+08:00');
const UNTIL = new Date('2024-10-10T00:00:00+08:00');

/** Two files of the same usage for an account's two applications: media over Oct 6–8, some crossing midnight. */
function files(apps: number[], dir: string): string[] {
  let s = 5;
  const rand = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * k);
  };
  const sizes = [[640, 360], [1280, 720], [1920, 1080], [3840, 2160]];
  return [400, 900].map((n, f) => {
    const lines = Array.from({ length: n }, () => {
      const day = 6 + rand(3);
      const hh = rand(8) === 0 ? 23 : rand(24);
      const start = `2024-10-0${day}T${String(hh).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}+08:00`;
      const receive = Array.from({ length: rand(3) }, (_, k) => ({ stream: `s${k}`, audio: true, ...(rand(2) ? { video: sizes[rand(sizes.length)] } : {}) }));
      return JSON.stringify({ type: 'media', app: apps[rand(apps.length)], user: `u${rand(30)}`, start, seconds: 1 + rand(5400), receive });
    });
    const file = path.join(dir, `usage-${f}.jsonl`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  });
}

async function account(dir: string) {
  const { accountId } = await createTestAccount(db, { balance: '50', registeredAt: REG });
  const a = await createTestApplication(db, accountId, { createdAt: REG });
  const b = await createTestApplication(db, accountId, { createdAt: REG, name: 'Second' });
  const apps = [a.sdkAppId, b.sdkAppId].sort((x, y) => x - y);
  return { accountId, files: files(apps, fs.mkdtempSync(path.join(dir, 'acc-'))) };
}

function runChild(env: Record<string, string>, onLine: (line: string, kill: () => void) => void) {
  return runKillableChild('lib/usage/crash-import-child.ts', env, onLine);
}

const importFile = (accountId: string, file: string) => {
  const bytes = new Uint8Array(fs.readFileSync(file));
  return importUsageFile(sql, { accountId, now: new Date('2024-10-09T12:00:00+08:00'), body: (async function* () { yield bytes; })() });
};

describe('crash and re-run of an import (issue 11)', () => {
  test('an importer killed inside a file’s transaction, then the file imported again, leaves the records, aggregates, bills and ledger of a clean run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-import-'));
    const crashed = await account(dir);
    const clean = await account(dir);

    const child = await runChild({ DATABASE_URL: process.env.DATABASE_URL ?? '', ACCOUNT_ID: crashed.accountId, FILES: crashed.files.join(','), PAUSE_AT: '1', PAUSE_MS: '30000' }, (line, kill) => {
      if (line.startsWith('IN_TX 1')) kill();
    });
    expect(child.signal).toBe('SIGKILL');
    expect(child.lines).toEqual(['COMMITTED 0 400', 'IN_TX 1']);
    // The killed transaction left nothing: the first file's batch, records and aggregates only.
    const partial = await usageSnapshot(db, crashed.accountId);
    expect(partial.records).toHaveLength(400);
    expect(partial.batches).toEqual({ n: 1, pending: 0 });
    expect(partial.aggregates.every((a) => a[3] === 0)).toBe(true);

    // Re-run: the first file is refused as already imported, the second is stored.
    await expect(importFile(crashed.accountId, crashed.files[0]!)).rejects.toMatchObject({ code: 'DUPLICATE_FILE' });
    expect(await importFile(crashed.accountId, crashed.files[1]!)).toMatchObject({ ok: true, accepted: 900 });
    for (const f of clean.files) expect(await importFile(clean.accountId, f)).toMatchObject({ ok: true });

    const a = await usageSnapshot(db, crashed.accountId);
    const b = await usageSnapshot(db, clean.accountId);
    expect(a.records).toHaveLength(1300);
    expect(a.aggregates.length).toBeGreaterThan(10);
    expect(a).toEqual(b);
    expect(await db.select().from(usageBatches).where(eq(usageBatches.accountId, crashed.accountId))).toHaveLength(2);

    // Settled: the same bills and ledger.
    for (const x of [crashed, clean]) await drainAccount(db, x.accountId, { until: UNTIL, now: () => UNTIL, workerId: 'crash-import', lock: 'wait' });
    const fa = await financialSnapshot(db, crashed.accountId);
    expect(fa.bills.length).toBeGreaterThanOrEqual(3);
    expect(fa).toEqual(await financialSnapshot(db, clean.accountId));
    expect(await usageSnapshot(db, crashed.accountId)).toEqual(await usageSnapshot(db, clean.accountId));
  }, 180_000);
});
