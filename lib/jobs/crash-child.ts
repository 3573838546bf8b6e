/**
 * Test harness for the crash-and-rerun test (lib/jobs/crash.int.test.ts), run as a child
 * process with tsx: drains one account with the real runner and handlers, printing
 * `COMMITTED <key>` after each job commits and, with CRASH_PAUSE_MS, `IN_TX <key>` while
 * a settlement's transaction is still open (the bill written, not committed), pausing
 * there so the parent can SIGKILL it mid-transaction.
 */
import { createDb } from '@/db/client';
import { overrideJobHandler, settleJob } from './definitions';
import { drainAccount } from './runner';

const url = process.env.DATABASE_URL;
const accountId = process.env.ACCOUNT_ID;
const until = new Date(process.env.UNTIL ?? '');
if (!url || !accountId || Number.isNaN(until.getTime())) throw new Error('DATABASE_URL, ACCOUNT_ID and UNTIL are required');

const pause = Number(process.env.CRASH_PAUSE_MS ?? 0);
if (pause) {
  overrideJobHandler('settle', async (tx, ctx) => {
    const out = await settleJob.handler(tx, ctx);
    process.stdout.write(`IN_TX ${ctx.job.key}\n`);
    await new Promise((r) => setTimeout(r, pause));
    return out;
  });
}

const handle = createDb(url, { max: 3 });
const result = await drainAccount(handle.db, accountId, {
  until,
  now: () => until,
  workerId: `crash-child:${process.pid}`,
  lock: 'wait',
  afterJob: (s) => {
    process.stdout.write(`COMMITTED ${s.key} ${s.outcome}\n`);
  },
});
process.stdout.write(`DONE ${result.ran.length}\n`);
await handle.close();
