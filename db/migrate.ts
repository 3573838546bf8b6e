import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './client';

/**
 * Apply the committed drizzle-kit migrations in drizzle/ (idempotent), then make sure the
 * usage tables have their month partitions from last month to three months ahead (issue 11
 * item 3, lib/usage/partitions.ts: every start does it, so an insert never waits for the
 * monthly job; local months in Asia/Shanghai, the billing zone).
 */
export async function runMigrations(url: string): Promise<void> {
  const handle = createDb(url, { max: 1 });
  try {
    await migrate(handle.db, { migrationsFolder: path.resolve(process.cwd(), 'drizzle') });
    await handle.db.execute(sql`select usage_partitions_ensure((date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '1 month')::date, 5)`);
  } finally {
    await handle.close();
  }
}
