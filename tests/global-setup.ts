import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabase, freePort, listDatabases, startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { databaseUrlOf, workerDatabaseName, createWorkerDatabase } from './worker-database-name';

/**
 * Integration tests run against fresh databases on the embedded PostgreSQL server
 * (or on TEST_DATABASE_URL's server when given), with the committed migrations.
 * A non-local server is refused (dub's assert-local-database).
 *
 * The migrations run once, into a template database; every vitest worker then gets its own
 * copy (CREATE DATABASE … TEMPLATE, tests/worker-database.ts), so test files run side by side
 * without sharing a database, and files of one worker share one as they always did (tests
 * isolate themselves by creating their own accounts, never by truncating).
 */
let server: EmbeddedServer | null = null;
let adminUrl = '';
let template = '';
let dataDir = '';

export async function setup(project: TestProject) {
  template = `it_${Date.now()}_${process.pid}`;
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
  await ensureDatabase(adminUrl, template);
  await runMigrations(databaseUrlOf(adminUrl, template));
  // The workers' copies, made now (a copy takes a fraction of a second); a worker whose copy is
  // missing (more workers than expected) makes it itself.
  const workers = Number(project.config.maxWorkers) || Number(project.vitest.config.maxWorkers) || 1;
  for (let pool = 1; pool <= workers; pool++) await createWorkerDatabase(adminUrl, template, pool);
  // What a process that is not a worker of this project would use (as before: a migrated database).
  process.env.DATABASE_URL = databaseUrlOf(adminUrl, workerDatabaseName(template, 1));
  project.provide('databaseAdminUrl', adminUrl);
  project.provide('databaseTemplate', template);
  // Replaced in each worker by its own database's URL (tests/worker-database.ts).
  project.provide('databaseUrl', process.env.DATABASE_URL);
}

export async function teardown() {
  if (adminUrl && template && !process.env.KEEP_TEST_DB) {
    const copies = await listDatabases(adminUrl, workerDatabaseName(template, '')).catch(() => [] as string[]);
    for (const copy of copies) await dropDatabase(adminUrl, copy).catch(() => {});
    await dropDatabase(adminUrl, template).catch(() => {});
  }
  if (server) {
    await server.stop();
    server.remove();
  } else if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** This worker's own database (tests/worker-database.ts). */
    databaseUrl: string;
    databaseAdminUrl: string;
    /** The migrated database every worker's database is copied from. */
    databaseTemplate: string;
  }
}
