import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './client';

/** Apply the committed drizzle-kit migrations in drizzle/ (idempotent). */
export async function runMigrations(url: string): Promise<void> {
  const handle = createDb(url, { max: 1 });
  try {
    await migrate(handle.db, { migrationsFolder: path.resolve(process.cwd(), 'drizzle') });
  } finally {
    await handle.close();
  }
}
