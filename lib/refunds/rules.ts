import type { Decimal } from '@/lib/money/decimal';
import { formatQuantity } from '@/lib/money/format';
import { BILLING_TIME_ZONE, zoneOffsetMs } from '@/lib/time/local-date';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';

/**
 * The five-day refund (lifecycle.md, Five-day refund; seed 003 · TRTC Monthly Package
 * Refund Instructions; seed 002 · 5天无理由退款 · 退费示例). Pure: `now` comes in.
 */

/** Five days from the purchase instant: bought 2022-02-01 08:00:00, last moment 2022-02-06 07:59:59 (seed 002 · 退费示例). */
export const REFUND_WINDOW_MS = 5 * 24 * 60 * 60 * 1000;

/** The first instant at which a refund may no longer be requested. */
export function refundWindowEnd(purchasedAt: Date): Date {
  return new Date(purchasedAt.getTime() + REFUND_WINDOW_MS);
}

/** The last whole second at which it still may (what the console shows). */
export function refundLastMoment(purchasedAt: Date): Date {
  const end = refundWindowEnd(purchasedAt).getTime();
  return new Date(Math.ceil(end / 1000) * 1000 - 1000);
}

export type RefundCheckId = 'a' | 'b' | 'c' | 'd' | 'state' | 'open';
/**
 * `detail` is English; `variant` and `values` say the same for the pages' languages
 * (components/refunds/refund-check-text.ts: message `packages.refund.checks.<id>.<variant>`).
 */
export type RefundCheck = { id: RefundCheckId; label: string; passed: boolean; detail: string; variant?: string; values?: Record<string, string | number> };
export type RefundEligibility = {
  eligible: boolean;
  checks: RefundCheck[];
  reason: string | null;
  /**
   * Set when the only obstacle is usage not settled yet while no minute was deducted: the
   * answer depends on that settlement, so an admin decides after it (issue 10, item 7)
   * instead of rejecting a package settlement may show unused.
   */
  pendingSettlement: { day: string; settlesAt: Date } | null;
};

export type RefundFacts = {
  now: Date;
  /**
   * When the request was made, if it was: (a) is about the request (lifecycle.md: "the
   * request is made within 5 days"), so an admin deciding later re-checks (a) at this instant
   * and everything else at `now`.
   */
  requestedAt?: Date | null;
  pkg: {
    status: 'queued' | 'active' | 'expired' | 'void';
    kind: 'package' | 'trial';
    source: 'purchase' | 'renewal' | 'grant';
    price: Decimal;
    purchasedAt: Date;
    minutesUsed: Decimal;
  };
  /**
   * Usage of the bound application since the package started covering it that settlement
   * has not deducted yet (usage records of unsettled days). Any counts as use: it may be
   * deducted from this package once settled (check (b)).
   */
  unsettledUsageRecords: number;
  /** The latest local day of that usage and when its settlement runs (lib/jobs settleInstant). */
  unsettledThrough?: { day: string; settlesAt: Date } | null;
  account: { status: AccountStatus; suspensionReason: SuspensionReason | null };
  /** Another open request of the account (not the one being decided). */
  otherOpenRequest: boolean;
};

/** `2022-02-06 07:59:59` in Asia/Shanghai. */
export function formatLocalSeconds(d: Date): string {
  return new Date(d.getTime() + zoneOffsetMs(BILLING_TIME_ZONE)).toISOString().slice(0, 19).replace('T', ' ');
}
const fmt = formatLocalSeconds;

/**
 * Checks (a) to (d) of lifecycle.md, plus the package's state and the one-open-request
 * rule. `reason` is the first failed check's detail, shown to the customer and the admin.
 */
export function refundEligibility(f: RefundFacts): RefundEligibility {
  const end = refundWindowEnd(f.pkg.purchasedAt);
  const asked = f.requestedAt ?? f.now;
  const last = refundLastMoment(f.pkg.purchasedAt);
  const used = f.pkg.minutesUsed.greaterThan(0);
  const granted = f.pkg.source === 'grant' || f.pkg.kind === 'trial' || !f.pkg.price.greaterThan(0);
  const violation = f.account.status === 'suspended' && f.account.suspensionReason === 'violation';
  const checks: RefundCheck[] = [
    {
      id: 'state',
      label: 'Package is active or queued',
      passed: f.pkg.status === 'active' || f.pkg.status === 'queued',
      variant: f.pkg.status === 'void' || f.pkg.status === 'expired' ? f.pkg.status : 'other',
      values: { status: f.pkg.status },
      detail:
        f.pkg.status === 'void'
          ? 'The package was already refunded (void).'
          : f.pkg.status === 'expired'
            ? 'The package has expired.'
            : `The package is ${f.pkg.status}.`,
    },
    {
      id: 'a',
      label: '(a) Requested within 5 days of purchase',
      passed: asked.getTime() < end.getTime(),
      variant: asked.getTime() < end.getTime() ? 'ok' : 'late',
      values: { bought: fmt(f.pkg.purchasedAt), last: fmt(last) },
      detail:
        asked.getTime() < end.getTime()
          ? `Bought ${fmt(f.pkg.purchasedAt)}; refundable until ${fmt(last)} (UTC+8).`
          : `(a) The 5 days ended at ${fmt(last)} (UTC+8); it was bought ${fmt(f.pkg.purchasedAt)}.`,
    },
    {
      id: 'b',
      label: '(b) None of its minutes were used',
      passed: !used && f.unsettledUsageRecords === 0,
      variant: used ? 'used' : f.unsettledUsageRecords > 0 ? (f.unsettledThrough ? 'unsettledAt' : 'unsettled') : 'ok',
      values: {
        used: formatQuantity(f.pkg.minutesUsed),
        records: String(f.unsettledUsageRecords),
        recordCount: f.unsettledUsageRecords,
        day: f.unsettledThrough?.day ?? '',
        settlesAt: f.unsettledThrough ? fmt(f.unsettledThrough.settlesAt) : '',
      },
      detail: used
        ? `(b) ${formatQuantity(f.pkg.minutesUsed)} of its minutes were already used; a used package cannot be refunded, whether used up or not.`
        : f.unsettledUsageRecords > 0
          ? `(b) The application has ${f.unsettledUsageRecords} usage record${f.unsettledUsageRecords === 1 ? '' : 's'} since the package started that are not settled yet and may be deducted from it; a package that may have been used cannot be refunded.${f.unsettledThrough ? ` The usage of ${f.unsettledThrough.day} is settled at ${fmt(f.unsettledThrough.settlesAt)} (UTC+8); it can be checked again then.` : ''}`
          : 'No minutes used and no unsettled usage of the application since it started.',
    },
    {
      id: 'c',
      label: '(c) Bought, not granted',
      passed: !granted,
      variant: granted ? 'granted' : 'ok',
      detail: granted ? '(c) Free minutes, free trials and gifted packages are not refundable.' : 'Bought with the balance.',
    },
    {
      id: 'd',
      label: '(d) Account not suspended for a violation',
      passed: !violation,
      variant: violation ? 'violation' : 'ok',
      detail: violation ? '(d) The account is suspended for a violation; none of its packages can be refunded.' : 'Not suspended for a violation.',
    },
    {
      id: 'open',
      label: 'No other open refund request',
      passed: !f.otherOpenRequest,
      variant: f.otherOpenRequest ? 'other' : 'ok',
      detail: f.otherOpenRequest ? 'Another refund request of this account is waiting for a decision; one request at a time.' : 'No other request is open.',
    },
  ];
  const failed = checks.filter((c) => !c.passed);
  const onlyUnsettled = failed.length === 1 && failed[0]!.id === 'b' && !used && f.unsettledUsageRecords > 0;
  return {
    eligible: failed.length === 0,
    checks,
    reason: failed[0]?.detail ?? null,
    pendingSettlement: onlyUnsettled && f.unsettledThrough ? f.unsettledThrough : null,
  };
}

/**
 * What the admin is told instead of a rejection when the decision waits for a settlement
 * (issue 10, item 7): the day, the settlement's moment, and that nothing changed.
 */
export function pendingSettlementMessage(p: { day: string; settlesAt: Date }, now: Date): string {
  const when =
    p.settlesAt.getTime() > now.getTime()
      ? `Decide after its settlement at ${fmt(p.settlesAt)} (UTC+8)`
      : `Its settlement has been due since ${fmt(p.settlesAt)} (UTC+8) and has not run yet; decide once it has`;
  return `Not decided yet: usage of ${p.day} on this application is not settled, so whether the package was used is not known. ${when}: if it leaves the package unused, approval refunds in full. The request stays open; nothing was changed.`;
}

/**
 * The refund sentence of the checkout (lifecycle.md, Five-day refund, rule (c)): free
 * trials and anything that costs nothing are not refundable, so the form must not promise it.
 */
export function checkoutRefundNote(offer: { kind: 'package' | 'trial'; paid: boolean }): string {
  if (offer.kind === 'trial' || !offer.paid) {
    return 'Nothing is paid. Free trials are not refundable (five-day refund rule (c)).';
  }
  return 'Refundable within 5 days if none of its minutes are used.';
}
