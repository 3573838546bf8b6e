/**
 * Test harness for the import crash test (lib/usage/crash-import.int.test.ts), run as a
 * child process with node --import tsx: imports the files of FILES (comma-separated paths)
 * one after the other with the real import (lib/usage/import.ts → storeUsageBatch), printing
 * `COMMITTED <n>` after each file's transaction commits. With PAUSE_AT=<n> the n-th file's
 * transaction, once everything is written (records COPY, aggregates COPY, batch row) but
 * before COMMIT, prints `IN_TX <n>` and waits PAUSE_MS, so the parent can SIGKILL it there.
 */
import fs from 'node:fs';
import type { RawTx } from '@/db/raw';
import { createDb } from '@/db/client';
import { importUsageFile } from './import';

const url = process.env.DATABASE_URL;
const accountId = process.env.ACCOUNT_ID;
const files = (process.env.FILES ?? '').split(',').filter(Boolean);
if (!url || !accountId || !files.length) throw new Error('DATABASE_URL, ACCOUNT_ID and FILES are required');
const pauseAt = Number(process.env.PAUSE_AT ?? -1);
const pauseMs = Number(process.env.PAUSE_MS ?? 0);

const handle = createDb(url, { max: 3 });
let current = -1;
// The import's one transaction (storeUsageBatch's sql.begin), held open before its COMMIT when asked.
const sql = new Proxy(handle.sql, {
  get(target, prop, receiver) {
    if (prop !== 'begin') return Reflect.get(target, prop, receiver);
    return (...args: unknown[]) => {
      const fn = args[args.length - 1] as (tx: RawTx) => Promise<unknown>;
      args[args.length - 1] = async (tx: RawTx) => {
        const out = await fn(tx);
        if (current === pauseAt) {
          process.stdout.write(`IN_TX ${current}\n`);
          await new Promise((r) => setTimeout(r, pauseMs));
        }
        return out;
      };
      return (target.begin as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  },
});

for (const [i, file] of files.entries()) {
  current = i;
  const text = fs.readFileSync(file);
  const result = await importUsageFile(sql, { accountId, now: new Date('2024-10-09T12:00:00+08:00'), body: (async function* () { yield new Uint8Array(text); })() });
  if (!result.ok) throw new Error(`file ${i} refused: ${result.message}`);
  process.stdout.write(`COMMITTED ${i} ${result.accepted}\n`);
}
process.stdout.write('DONE\n');
await handle.close();
