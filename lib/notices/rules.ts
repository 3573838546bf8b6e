import { Decimal } from '@/lib/money/decimal';

/**
 * Pure rules of the notices (lifecycle.md, Notices, the moments table): which usage levels a
 * settlement crossed, whether a package's expiry moment tells anything, and how a balance
 * change moves the balance alert. Time and amounts come in as arguments.
 */

/** Package levels: 80 % and 95 % (`package.usage_threshold`), 100 % (`package.used_up`). */
export const PACKAGE_LEVELS = [80, 95, 100] as const;
/** The month's free minutes: 80 % and 100 % (`free_minutes.threshold`). */
export const FREE_MINUTE_LEVELS = [80, 100] as const;

/**
 * The highest level (percent of `total`) that usage reached with this settlement and had
 * not reached before it, or null. One notice per settlement, the most severe: a day that
 * jumps from 50 % to 100 % says "used up", not three things at once (*decision*). Each
 * level is still told at most once per period by the once-only key.
 */
export function levelCrossed(levels: readonly number[], total: Decimal, usedBefore: Decimal, usedAfter: Decimal): number | null {
  if (!total.greaterThan(0)) return null;
  let crossed: number | null = null;
  for (const p of levels) {
    const mark = total.times(p).dividedBy(100);
    if (usedBefore.lessThan(mark) && usedAfter.greaterThanOrEqualTo(mark)) crossed = p;
  }
  return crossed;
}

/** Days before expiry when `package.expiring` may be due. */
export const EXPIRING_DAYS = [7, 3, 1] as const;

/**
 * Whether `package.expiring` is told `daysBefore` days before expiry (lifecycle.md, Notices):
 * auto-renewal off: 7 and 1 days before; on but the balance below the renewal price: 3 and
 * 1 days before; on with enough balance: never. A package that cannot renew (a one-off
 * trial, the Starter limit reached) counts as auto-renewal off.
 */
export function expiringNoticeDue(input: { daysBefore: number; renews: boolean; balance: Decimal; renewalPrice: Decimal }): boolean {
  if (!input.renews) return input.daysBefore === 7 || input.daysBefore === 1;
  if (input.balance.greaterThanOrEqualTo(input.renewalPrice)) return false;
  return input.daysBefore === 3 || input.daysBefore === 1;
}

/**
 * The balance alert after a balance change (lifecycle.md, Notices: "the balance crosses
 * below it; then once a day while below"): `crossed` starts an episode (and its first
 * notice); `recovered` ends it (reminders stop); null changes nothing. Being below means
 * strictly below the threshold; no threshold, no alert.
 */
export function balanceAlertChange(threshold: Decimal | null, belowSince: Date | null, balanceAfter: Decimal): 'crossed' | 'recovered' | null {
  if (threshold === null) return belowSince ? 'recovered' : null;
  const below = balanceAfter.lessThan(threshold);
  if (below && !belowSince) return 'crossed';
  if (!below && belowSince) return 'recovered';
  return null;
}

/** The balance alert is told on at most 5 days of one episode: the crossing, then daily reminders. */
export const BALANCE_ALERT_DAYS = 5;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Reminder instants of a balance alert episode: days 2..5, each 24 hours after the one before. */
export function balanceReminderMoments(belowSince: Date): { day: number; at: Date }[] {
  const out: { day: number; at: Date }[] = [];
  for (let day = 2; day <= BALANCE_ALERT_DAYS; day++) out.push({ day, at: new Date(belowSince.getTime() + (day - 1) * DAY_MS) });
  return out;
}

/** The suspension warning: O+20h, 4 hours before the suspension at O+24h (lifecycle.md, Notices). */
export const SUSPENSION_WARNING_AFTER_MS = 20 * HOUR_MS;
export function suspensionWarningInstant(overdueSince: Date): Date {
  return new Date(overdueSince.getTime() + SUSPENSION_WARNING_AFTER_MS);
}

/** Reclamation warnings at S+30d, S+53d and S+59d while suspended for arrears (lifecycle.md, Notices). */
export const RECLAMATION_WARNING_DAYS = [30, 53, 59] as const;
export function reclamationWarningMoments(suspendedAt: Date): { afterDays: number; daysLeft: number; at: Date }[] {
  return RECLAMATION_WARNING_DAYS.map((d) => ({ afterDays: d, daysLeft: 60 - d, at: new Date(suspendedAt.getTime() + d * DAY_MS) }));
}

/** Package expiry warnings: `daysBefore` days before the expiry instant, never before the package began. */
export function expiringMoments(expiresAt: Date, validFromStart: Date): { daysBefore: number; at: Date }[] {
  return EXPIRING_DAYS.map((d) => ({ daysBefore: d, at: new Date(expiresAt.getTime() - d * DAY_MS) })).filter((m) => m.at.getTime() >= validFromStart.getTime());
}
