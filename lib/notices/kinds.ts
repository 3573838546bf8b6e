import type { Currency } from '@/lib/money/format';

/**
 * The notice kinds (lifecycle.md, Notices, the moments table), with the facts each one
 * carries. Facts are JSON: amounts as decimal strings, instants as ISO strings, so they are
 * stored as the row's `payload` (the webhook payload's `data`) and rebuilt into text by
 * catalogue.ts. `balance.adjusted` is not in the table: an admin's adjustment (lifecycle.md,
 * People) is told to the customer the same way.
 */
export const NOTICE_KINDS = [
  'balance.below_threshold',
  'balance.adjusted',
  'account.overdue',
  'account.suspension_warning',
  'account.suspended',
  'account.reclamation_warning',
  'account.reclaimed',
  'account.restored',
  'package.usage_threshold',
  'package.used_up',
  'package.expiring',
  'package.renewed',
  'package.renewal_failed',
  'package.expired',
  'free_minutes.threshold',
  'application.free_exhausted',
  'application.resumed',
  'refund.requested',
  'refund.approved',
  'refund.rejected',
  'bill.monthly',
  'webhook.disabled',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export function isNoticeKind(v: string): v is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(v);
}

/** Groups for the message center's kind filter. */
export const NOTICE_GROUPS = {
  account: ['account.overdue', 'account.suspension_warning', 'account.suspended', 'account.reclamation_warning', 'account.reclaimed', 'account.restored'],
  balance: ['balance.below_threshold', 'balance.adjusted'],
  package: ['package.usage_threshold', 'package.used_up', 'package.expiring', 'package.renewed', 'package.renewal_failed', 'package.expired'],
  free_minutes: ['free_minutes.threshold', 'application.free_exhausted', 'application.resumed'],
  refund: ['refund.requested', 'refund.approved', 'refund.rejected'],
  bill: ['bill.monthly'],
  webhook: ['webhook.disabled'],
} as const satisfies Record<string, readonly NoticeKind[]>;
export type NoticeGroup = keyof typeof NOTICE_GROUPS;
export const NOTICE_GROUP_LABEL: Record<NoticeGroup, string> = {
  account: 'Account status',
  balance: 'Balance',
  package: 'Packages',
  free_minutes: 'Free minutes',
  refund: 'Refunds',
  bill: 'Bills',
  webhook: 'Webhooks',
};

/** Account-status kinds: cannot be switched off on any channel (lifecycle.md, Notices). */
export const ACCOUNT_STATUS_KINDS: readonly NoticeKind[] = NOTICE_GROUPS.account;

type Money = { currency: Currency };
type PackageRef = { packageId: string; packageName: string; appLabel: string };

export type NoticeFacts = {
  'balance.below_threshold': Money & { balance: string; threshold: string; since: string; day: number };
  'balance.adjusted': Money & { amount: string; reason: string };
  'account.overdue': Money & { owed: string; overdueSince: string; suspendAt: string; afterLift?: boolean };
  'account.suspension_warning': Money & { owed: string; suspendAt: string };
  'account.suspended': { reason: 'arrears'; suspendedAt: string; reclaimAt: string } | { reason: 'violation'; suspendedAt: string; adminReason: string };
  'account.reclamation_warning': Money & { owed: string; suspendedAt: string; reclaimAt: string; daysLeft: number };
  'account.reclaimed': { applications: number; usageRecords: number; packages: number };
  'account.restored': Money & { balance: string; via: 'balance' | 'lift' };
  'package.usage_threshold': PackageRef & { percent: number; minutesUsed: string; minutes: string; asOf: string };
  'package.used_up': PackageRef & { minutes: string; validTo: string; asOf: string };
  'package.expiring': PackageRef &
    Money & { validTo: string; expiresAt: string; daysBefore: number; autoRenew: boolean; renewalPrice: string; balance: string };
  'package.renewed': PackageRef & Money & { newPackageId: string; price: string; validFrom: string; validTo: string };
  'package.renewal_failed': PackageRef & { validTo: string; why: string; fallback: string };
  'package.expired': PackageRef & { validTo: string };
  'free_minutes.threshold': { grantId: string; percent: number; minutesUsed: string; minutes: string; validTo: string; asOf: string };
  'application.free_exhausted': { sdkAppId: number; appName: string };
  'application.resumed': { sdkAppId: number; appName: string; why: string };
  'refund.requested': Money & { requestId: string; packageName: string; amount: string };
  'refund.approved': Money & { requestId: string; packageName: string; amount: string };
  'refund.rejected': { requestId: string; packageName: string; reason: string };
  'bill.monthly': Money & { billId: string; billNumber: string; month: string; total: string };
  'webhook.disabled': { endpointId: string; url: string; failingSince: string; disabledAt: string };
};

/**
 * What `notify` takes: the kind and its facts, and the once-only key's other parts
 * (lifecycle.md, Notices: at most once per account, kind, subject, occasion).
 * `subject`: what it is about (package id, bill id, SDKAppID, refund request id, account id).
 * `occasion`: which occurrence (an overdue instant, a threshold percent with its period, ...).
 */
export type NoticeEvent = {
  [K in NoticeKind]: { kind: K; accountId: string; subject: string; occasion: string; at: Date; facts: NoticeFacts[K] };
}[NoticeKind];
