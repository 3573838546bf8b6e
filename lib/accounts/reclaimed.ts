import { Decimal } from '@/lib/money/decimal';
import { formatMoney, formatQuantity, type Currency } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';

/**
 * A reclaimed account (lifecycle.md, Account: Reclamation) has nothing left to use a
 * balance on, so a top-up may only pay its debt, up to a balance of zero (issue 13,
 * item 12). Pure: the balance, the amount and what reclamation removed come in.
 */
export type ReclamationSummary = {
  reclaimedAt: Date | null;
  /** SDKAppIDs deleted, and counts of usage records and packages, from the reclamation's audit row. */
  applications: number[];
  usageRecords: number | null;
  packages: number | null;
};

/** What reclamation removed, in one sentence (the balance page and the refusal say the same). */
export function describeReclamation(r: ReclamationSummary): string {
  const when = r.reclaimedAt ? ` on ${formatLocalDateTime(r.reclaimedAt)} (UTC+8)` : '';
  const apps = r.applications.length === 0 ? 'its applications' : `${r.applications.length} application${r.applications.length === 1 ? '' : 's'} (SDKAppID ${r.applications.join(', ')})`;
  const counts = [
    r.usageRecords !== null ? `${formatQuantity(r.usageRecords)} usage record${r.usageRecords === 1 ? '' : 's'}` : 'usage logs',
    r.packages !== null ? `${formatQuantity(r.packages)} package${r.packages === 1 ? '' : 's'}` : 'packages',
  ];
  return `This account was reclaimed${when}: ${apps} with their keys and configuration, ${counts.join(' and ')} were deleted for good, so a balance above zero could not be used. Bills and the ledger remain available.`;
}

/** The most a reclaimed account can top up: its debt (zero when the balance is not negative). */
export function payableDebt(balance: Decimal): Decimal {
  return balance.isNegative() ? balance.negated() : new Decimal(0);
}

/** Why a top-up of a reclaimed account is refused, or null when it only pays (part of) the debt. */
export function reclaimedTopUpRefusal(input: { balance: Decimal; amount: Decimal; currency: Currency; summary: ReclamationSummary }): string | null {
  const debt = payableDebt(input.balance);
  if (input.amount.lessThanOrEqualTo(debt)) return null;
  const removed = describeReclamation(input.summary);
  return debt.isZero()
    ? `${removed} There is no debt to pay, so no top-up is accepted.`
    : `${removed} Only the debt can be paid: top up at most ${formatMoney(debt, input.currency)} to bring the balance to zero.`;
}
