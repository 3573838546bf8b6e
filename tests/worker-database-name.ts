import { copyDatabase } from '@/db/embedded';

/** Names and copies of the integration databases (tests/global-setup.ts, tests/worker-database.ts). */

export function workerDatabaseName(template: string, pool: number | string): string {
  return `${template}_w${pool}`;
}

export function databaseUrlOf(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The worker's copy of the migrated template, made when missing. */
export async function createWorkerDatabase(adminUrl: string, template: string, pool: number | string): Promise<string> {
  const name = workerDatabaseName(template, pool);
  await copyDatabase(adminUrl, template, name);
  return databaseUrlOf(adminUrl, name);
}
