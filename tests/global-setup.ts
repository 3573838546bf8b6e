import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';

/**
 * Integration tests run against a fresh database on the embedded PostgreSQL server
 * (or on TEST_DATABASE_URL's server when given), with the committed migrations.
 * A non-local server is refused (dub's assert-local-database).
 */
let server: EmbeddedServer | null = null;
let adminUrl = '';
let name = '';
let dataDir = '';

export async function setup(project: TestProject) {
  name = `it_${Date.now()}_${process.pid}`;
  if (process.env.TEST_DATABASE_URL) {
    const u = new URL(process.env.TEST_DATABASE_URL);
    if (!['localhost', '127.0.0.1', '::1'].includes(u.hostname)) throw new Error(`refusing to run integration tests against non-local ${u.hostname}`);
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    // A throw-away cluster per run on a free port: concurrent runs never collide.
    dataDir = `${process.cwd()}/.data/pg-test-${process.pid}`;
    server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    adminUrl = server.url();
  }
  await ensureDatabase(adminUrl, name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runMigrations(url);
  process.env.DATABASE_URL = url;
  project.provide('databaseUrl', url);
}

export async function teardown() {
  if (adminUrl && name && !process.env.KEEP_TEST_DB) await dropDatabase(adminUrl, name).catch(() => {});
  if (server) {
    await server.stop();
    server.remove();
  } else if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
