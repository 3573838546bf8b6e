import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema into drizzle/ and committed; they are
// applied by scripts/migrate.ts (and on start), never by `push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
