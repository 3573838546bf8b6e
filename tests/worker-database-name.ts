/** Names and copies of the integration databases (tests/global-setup.ts, tests/worker-database.ts). */

export function workerDatabaseName(template: string, pool: number | string): string {
  return `${template}_w${pool}`;
}

export function databaseUrlOf(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A random key of our own: copies are made one at a time (a template cannot be copied while in use). */
const COPY_LOCK = 1_515_015;

/** The worker's copy of the migrated template, made when missing. */
export async function createWorkerDatabase(adminUrl: string, template: string, pool: number | string): Promise<string> {
  const name = workerDatabaseName(template, pool);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${COPY_LOCK})`;
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database ${name} template ${template}`);
    await sql`select pg_advisory_unlock(${COPY_LOCK})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
  return databaseUrlOf(adminUrl, name);
}
