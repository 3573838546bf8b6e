import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { createDb } from '@/db/client';
import { startWorkerLoop } from '@/lib/jobs/worker-loop';
import { prepareDatabase } from './database';
import { failStart } from './start-failure';
import { log } from '@/lib/log';

/**
 * `npm run worker`: the job runner as its own process (production). Plans and drains
 * every account without a test clock at real time; safe to run several (each account
 * is drained by one at a time, each job runs once). In development and APP_ENV=test the
 * console runs the same loop in-process (scripts/serve.ts), so this is not needed there.
 */
const target = await prepareDatabase({ defaultName: 'billing', log: (m) => console.log(m) }).catch((err: unknown) => failStart(err));
const handle = createDb(target.url, { max: 5 });
const workerId = `worker:${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const interval = Number(process.env.WORKER_INTERVAL_MS ?? 10_000);
const loop = startWorkerLoop(handle.db, { workerId, intervalMs: interval });
log.info({ workerId, intervalMs: interval }, `job worker running every ${interval / 1000}s`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await loop.stop();
  await handle.close();
  await target.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
