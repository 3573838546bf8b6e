import type { DbOrTx } from '@/db/client';
import { getFreeMinuteGrant } from '@/db/queries/packages';
import { Decimal } from '@/lib/money/decimal';
import { FREE_MINUTES_PER_CYCLE, freeMinuteCycle, hasMonthlyFreeMinutes, type FreeMinuteCycle } from './free-minutes';

export type FreeMinuteStatus = FreeMinuteCycle & { granted: boolean; minutes: Decimal; used: Decimal; left: Decimal };

/**
 * This cycle's free minutes of an account (lifecycle.md, Free minutes: 10,000 a month,
 * account-wide). Before the grant job has run for the cycle, the full amount is shown as due.
 * `null` for an account without monthly free minutes (books of seeds 000 and 001, or a test
 * customer made without them): pages show no free-minute card then.
 */
export async function loadFreeMinuteStatus(
  db: DbOrTx,
  account: { id: string; registeredAt: Date; priceBookId: string; monthlyFreeMinutes: boolean },
  now: Date,
): Promise<FreeMinuteStatus | null> {
  if (!hasMonthlyFreeMinutes(account)) return null;
  const cycle = freeMinuteCycle(account.registeredAt, now);
  const grant = await getFreeMinuteGrant(db, account.id, cycle.validFrom);
  const minutes = grant?.minutes ?? new Decimal(FREE_MINUTES_PER_CYCLE);
  const used = grant?.minutesUsed ?? new Decimal(0);
  const left = Decimal.max(minutes.minus(used), 0);
  return { ...cycle, granted: !!grant, minutes, used, left };
}
