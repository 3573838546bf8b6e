import { prepareDatabase } from './database';
import { failStart } from './start-failure';

// `npm run db:migrate`: apply drizzle/ migrations to DATABASE_URL or the embedded dev database.
const target = await prepareDatabase({ defaultName: 'billing' }).catch((err: unknown) => failStart(err));
console.log('Migrations applied.');
await target.stop();
