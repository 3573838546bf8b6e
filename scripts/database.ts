import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';

/**
 * Where the database comes from, for every command (serve, worker, tests, benchmarks):
 * DATABASE_URL when set (nothing is started), otherwise the embedded server under
 * `.data/` (EMBEDDED_PG_DIR, EMBEDDED_PG_PORT) with database DATABASE_NAME.
 */
export type DatabaseTarget = { url: string; embedded: EmbeddedServer | null; stop: () => Promise<void> };

export async function prepareDatabase(options: {
  defaultName: string;
  fresh?: boolean;
  log?: (m: string) => void;
  dataDir?: string;
  port?: number;
}): Promise<DatabaseTarget> {
  const log = options.log ?? ((m: string) => console.log(m));
  if (process.env.DATABASE_URL) {
    await runMigrations(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, embedded: null, stop: async () => {} };
  }
  const dataDir = path.resolve(options.dataDir ?? process.env.EMBEDDED_PG_DIR ?? '.data/pg');
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  log(`Starting embedded PostgreSQL (${path.relative(process.cwd(), dataDir)}, port ${port}) ...`);
  const embedded = await startEmbeddedPostgres({ dataDir, port, log: process.env.DEBUG_PG ? log : undefined });
  const name = process.env.DATABASE_NAME ?? options.defaultName;
  try {
    if (options.fresh) await dropDatabase(embedded.url(), name);
    await ensureDatabase(embedded.url(), name);
    const url = embedded.url(name);
    await runMigrations(url);
    return { url, embedded, stop: () => embedded.stop() };
  } catch (err) {
    await embedded.stop().catch(() => {});
    throw err;
  }
}

/** AUTH_SECRET: required in production; generated once under .data/ for development and tests (never in the repo). */
export function ensureAuthSecret(production: boolean): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (production) {
    throw new Error('AUTH_SECRET must be set in production (for example: openssl rand -base64 33).');
  }
  const file = path.resolve('.data/auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(33).toString('base64'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
