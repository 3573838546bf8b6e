import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts } from '@/db/schema';
import type { Locale } from './config';

/**
 * Saves the owner's language on the account (issue 14 item 4): the console follows it on
 * every device, and the emails and exports of the account are written in it.
 */
export async function saveAccountLocale(db: DbOrTx, accountId: string, locale: Locale): Promise<void> {
  await db.update(accounts).set({ locale }).where(eq(accounts.id, accountId));
}
