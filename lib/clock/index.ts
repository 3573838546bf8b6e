import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { testClocks } from '@/db/schema';
import { testClocksEnabled } from './app-env';

export { appEnv, testClocksEnabled, type AppEnv } from './app-env';

/**
 * The one clock (guide: Time; lifecycle.md, Time). Every rule is about one account,
 * so time is per account: the account's test clock when one is attached (development
 * and test only), otherwise the real time. Pure rules never call this; they take `now`.
 */
export function systemNow(): Date {
  return new Date();
}

export async function accountNow(db: DbOrTx, accountId: string): Promise<Date> {
  if (!testClocksEnabled()) return systemNow();
  const [clock] = await db.select({ now: testClocks.now }).from(testClocks).where(eq(testClocks.accountId, accountId)).limit(1);
  return clock ? clock.now : systemNow();
}
