import type { Decimal } from '@/lib/money/decimal';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';
import { ARREARS_GRACE_MS, RECLAIM_AFTER_MS } from './rules';

type AccountFacts = {
  status: AccountStatus;
  suspensionReason: SuspensionReason | null;
  overdueSince: Date | null;
  suspendedAt: Date | null;
  balance: Decimal;
};

/** When the 24-hour grace of an overdue episode ends: the overdue instant itself plus 24 hours, not the end of a day (lifecycle.md, Time). */
export function arrearsGraceEnd(overdueSince: Date): Date {
  return new Date(overdueSince.getTime() + ARREARS_GRACE_MS);
}

/** After this instant an arrears suspension has lasted "more than 60 days" (lifecycle.md, Account). */
export function reclaimableAfter(suspendedAt: Date): Date {
  return new Date(suspendedAt.getTime() + RECLAIM_AFTER_MS);
}

/**
 * Suspension for arrears (seed 003, TRTC Overdue and Suspension Policy): 24 hours after
 * the overdue instant itself, not the end of that day (lifecycle.md, Time), and only
 * for the same overdue episode with the balance still below zero.
 */
export function shouldSuspendForArrears(a: AccountFacts, overdueSince: Date, now: Date): { suspend: true } | { suspend: false; reason: string } {
  if (a.status !== 'overdue') return { suspend: false, reason: `account is ${a.status}, not overdue` };
  if (!a.overdueSince || a.overdueSince.getTime() !== overdueSince.getTime()) return { suspend: false, reason: 'a later overdue episode' };
  if (!a.balance.isNegative()) return { suspend: false, reason: 'balance is zero or above' };
  if (now < arrearsGraceEnd(overdueSince)) return { suspend: false, reason: 'still within the 24-hour grace' };
  return { suspend: true };
}

/**
 * Reclamation (lifecycle.md, Account): suspended for arrears for *more than* 60 days,
 * counted from the suspension instant; a violation suspension is never reclaimed.
 */
export function shouldReclaim(a: AccountFacts, suspendedAt: Date, now: Date): { reclaim: true } | { reclaim: false; reason: string } {
  if (a.status !== 'suspended') return { reclaim: false, reason: `account is ${a.status}, not suspended` };
  if (a.suspensionReason !== 'arrears') return { reclaim: false, reason: 'suspended for a violation: never reclaimed automatically' };
  if (!a.suspendedAt || a.suspendedAt.getTime() !== suspendedAt.getTime()) return { reclaim: false, reason: 'a later suspension' };
  if (now <= reclaimableAfter(suspendedAt)) return { reclaim: false, reason: 'not yet more than 60 days suspended' };
  return { reclaim: true };
}
