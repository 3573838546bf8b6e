import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { accounts } from '@/db/schema';
import { accountNow } from '@/lib/clock';
import { lockAccount, notifyBalanceAlert } from '@/lib/ledger/service';
import { transact } from '@/lib/ledger/transaction';
import { Decimal } from '@/lib/money/decimal';

/**
 * The customer sets (or clears, with null) the balance alert threshold (lifecycle.md,
 * Notices; Tencent Cloud's balance alert). A balance already below the new threshold starts
 * an alert episode now, with its first notice (*decision*: the customer asked to know); a
 * balance at or above it, or no threshold, ends any episode, so the reminders stop.
 */
export async function setBalanceThreshold(db: Database, accountId: string, threshold: Decimal | null): Promise<{ threshold: Decimal | null; below: boolean }> {
  return transact(db, async (tx) => {
    const account = await lockAccount(tx, accountId);
    const now = await accountNow(tx, accountId);
    const below = threshold !== null && account.balance.lessThan(threshold);
    const belowThresholdSince = below ? (account.belowThresholdSince ?? now) : null;
    const [updated] = await tx.update(accounts).set({ balanceThreshold: threshold, belowThresholdSince }).where(eq(accounts.id, accountId)).returning();
    if (!updated) throw new Error('account update returned no row');
    if (below && !account.belowThresholdSince) await notifyBalanceAlert(tx, updated, now);
    return { threshold, below };
  });
}

/** The form's text as a threshold: empty is off. */
export function parseThreshold(text: string): Decimal | null {
  return text.trim() === '' ? null : new Decimal(text.trim());
}
