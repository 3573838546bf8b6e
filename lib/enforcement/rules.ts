import type { Decimal } from '@/lib/money/decimal';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';

export type { SuspensionReason };
export type AccountStatusState = {
  status: AccountStatus;
  suspensionReason: SuspensionReason | null;
  overdueSince: Date | null;
};
export type StatusChange = AccountStatusState & { reason: string };

/** 24-hour grace between overdue and suspension (seed 003, TRTC Overdue and Suspension Policy). */
export const ARREARS_GRACE_MS = 24 * 60 * 60 * 1000;
/** Suspended for arrears more than 60 days → reclaimed (lifecycle.md, Account). */
export const RECLAIM_AFTER_MS = 60 * 24 * 60 * 60 * 1000;

/**
 * The status a balance change leads to (lifecycle.md, Account): below zero turns an
 * active account overdue; zero or above ends overdue and lifts an arrears suspension
 * at once. A violation suspension and a reclaimed account are not touched by money.
 * Returns null when nothing changes.
 */
export function statusAfterBalanceChange(current: AccountStatusState, newBalance: Decimal, at: Date): StatusChange | null {
  const negative = newBalance.isNegative();
  switch (current.status) {
    case 'active':
      return negative ? { status: 'overdue', suspensionReason: null, overdueSince: at, reason: 'balance below zero' } : null;
    case 'overdue':
      return negative ? null : { status: 'active', suspensionReason: null, overdueSince: null, reason: 'balance back to zero or above' };
    case 'suspended':
      if (current.suspensionReason === 'arrears' && !negative) {
        return { status: 'active', suspensionReason: null, overdueSince: null, reason: 'arrears paid: suspension lifted' };
      }
      return null;
    case 'reclaimed':
      return null;
    default: {
      const never: never = current.status;
      throw new Error(`unknown account status ${String(never)}`);
    }
  }
}

/** Whether the customer console and usage API are limited to billing (lifecycle.md, Account). */
export function isBillingOnly(status: AccountStatus): boolean {
  return status === 'suspended' || status === 'reclaimed';
}

export type UsageRefusal = 'reclaimed' | 'suspended-violation' | 'suspended-arrears' | 'application-disabled' | 'free-minutes-exhausted';

/**
 * Why the usage API refuses an application's records, or null when it takes them
 * (lifecycle.md, Account and Packages): the account first (reclaimed; suspended for a
 * violation or for arrears; overdue still serves), then the application (disabled by
 * hand; on the Free edition with the month's free minutes used up). The usage API, the
 * file import and the developer tools all refuse by this one rule.
 */
export function usageRefusalOf(s: {
  status: AccountStatus;
  suspensionReason: SuspensionReason | null;
  enabled: boolean | null;
  freeExhaustedAt: Date | null;
}): UsageRefusal | null {
  if (s.status === 'reclaimed') return 'reclaimed';
  if (s.status === 'suspended') return s.suspensionReason === 'violation' ? 'suspended-violation' : 'suspended-arrears';
  if (s.enabled === false) return 'application-disabled';
  if (s.freeExhaustedAt) return 'free-minutes-exhausted';
  return null;
}
