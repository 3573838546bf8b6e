import { inject, afterAll } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';

/**
 * The integration database of this run (fresh, migrated; see tests/global-setup.ts).
 * One pool per test file, closed after the file. Tests isolate themselves by creating
 * their own accounts (tests/factories.ts), never by truncating.
 */
let handle: DbHandle | null = null;

export function testDb(): DbHandle {
  if (!handle) {
    const url = inject('databaseUrl');
    process.env.DATABASE_URL = url;
    handle = createDb(url, { max: 30 });
    const h = handle;
    afterAll(async () => {
      await h.close();
      handle = null;
    });
  }
  return handle;
}
