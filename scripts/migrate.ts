import { prepareDatabase } from './database';

// `npm run db:migrate`: apply drizzle/ migrations to DATABASE_URL or the embedded dev database.
const target = await prepareDatabase({ defaultName: 'billing' });
console.log('Migrations applied.');
await target.stop();
