import { formatMoney, formatQuantity } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import type { NoticeFacts, NoticeKind } from './kinds';

export type NoticeText = { title: string; body: string; link: string };

/** `2026-12-03 10:00 (UTC+8)`: every instant in a notice is told in the billing zone (lifecycle.md, Time). */
export function when(iso: string): string {
  return `${formatLocalDateTime(new Date(iso))} (UTC+8)`;
}

type Builders = { [K in NoticeKind]: (f: NoticeFacts[K]) => NoticeText };

/**
 * Title, body and link of each kind from its facts (pure). The link is the console page of
 * what the notice is about: `/balance` for money and status, `/packages` for a package,
 * `/bills/<id>` for a bill, `/applications/<sdkAppId>` for an application.
 */
const BUILDERS: Builders = {
  'balance.below_threshold': (f) => ({
    title: f.day === 1 ? `Your balance is below ${formatMoney(f.threshold, f.currency)}` : `Your balance is still below ${formatMoney(f.threshold, f.currency)}`,
    body: `Your balance is ${formatMoney(f.balance, f.currency)}, below the alert threshold of ${formatMoney(f.threshold, f.currency)} you set (below since ${when(f.since)}). Top up to keep your applications running; this reminder repeats once a day for at most 5 days while the balance stays below.`,
    link: '/balance',
  }),
  'balance.adjusted': (f) => ({
    title: 'Your balance was adjusted',
    body: `An administrator ${f.amount.startsWith('-') ? 'debited' : 'credited'} ${formatMoney(f.amount.replace(/^-/, ''), f.currency)}: ${f.reason}`,
    link: '/balance',
  }),
  'account.overdue': (f) => ({
    title: f.afterLift ? 'The suspension of your account was lifted, but it is overdue' : 'Your account is overdue',
    body: `Your balance is below zero: you owe ${formatMoney(f.owed, f.currency)}. Top up at least that amount before ${when(f.suspendAt)}, or your applications are suspended then.`,
    link: '/balance',
  }),
  'account.suspension_warning': (f) => ({
    title: 'Your applications will be suspended in 4 hours',
    body: `Your account is still overdue by ${formatMoney(f.owed, f.currency)}. At ${when(f.suspendAt)} your applications are stopped and the usage API refuses their records. Top up now to avoid it.`,
    link: '/balance',
  }),
  'account.suspended': (f) =>
    f.reason === 'arrears'
      ? {
          title: 'Your account is suspended for arrears',
          body: `Your balance stayed below zero for 24 hours. Your applications are stopped and the usage API refuses their records. Top up to zero or above to resume at once. If the account stays suspended for more than 60 days (after ${when(f.reclaimAt)}), its applications, keys, usage logs and packages are deleted for good.`,
          link: '/balance',
        }
      : {
          title: 'Your account is suspended for a policy violation',
          body: `An administrator suspended this account: ${f.adminReason}. Only billing pages remain available. Contact support to resolve it.`,
          link: '/overview',
        },
  'account.reclamation_warning': (f) => ({
    title: `Your account's resources will be deleted in ${f.daysLeft} day${f.daysLeft === 1 ? '' : 's'}`,
    body: `Your account has been suspended for arrears since ${when(f.suspendedAt)}. Unless you top up ${formatMoney(f.owed, f.currency)} or more, its applications, keys, usage logs and packages are deleted for good at ${when(f.reclaimAt)}.`,
    link: '/balance',
  }),
  'account.reclaimed': (f) => ({
    title: "Your account's resources were reclaimed",
    body: `After more than 60 days suspended for arrears, ${f.applications} application(s) with their keys and configuration, ${f.usageRecords} usage record(s) and ${f.packages} package(s) were deleted and cannot be restored. Bills and ledger entries remain available.`,
    link: '/bills',
  }),
  'account.restored': (f) =>
    f.via === 'lift'
      ? { title: 'The suspension of your account was lifted', body: 'Your applications can be used again.', link: '/overview' }
      : {
          title: 'Your account is active again',
          body: `Your balance is back to ${formatMoney(f.balance, f.currency)}, zero or above; service continues normally.`,
          link: '/balance',
        },
  'package.usage_threshold': (f) => ({
    title: `${f.packageName} is ${f.percent} % used`,
    body: `${f.packageName} for ${f.appLabel} has used ${formatQuantity(f.minutesUsed)} of its ${formatQuantity(f.minutes)} minutes (${f.percent} % or more) as of ${when(f.asOf)}. When it is used up, further usage is billed pay-as-you-go.`,
    link: '/packages',
  }),
  'package.used_up': (f) => ({
    title: `${f.packageName} is used up`,
    body: `${f.packageName} for ${f.appLabel} has used all its ${formatQuantity(f.minutes)} minutes as of ${when(f.asOf)}. Further usage is billed pay-as-you-go until it expires after ${f.validTo}. Buy another package to cover it.`,
    link: '/packages',
  }),
  'package.expiring': (f) => ({
    title: `${f.packageName} expires in ${f.daysBefore} day${f.daysBefore === 1 ? '' : 's'}`,
    body: f.autoRenew
      ? `${f.packageName} for ${f.appLabel} renews automatically at ${when(f.expiresAt)} for ${formatMoney(f.renewalPrice, f.currency)}, but your balance is ${formatMoney(f.balance, f.currency)}. Top up before then, or the package expires without renewal.`
      : `${f.packageName} for ${f.appLabel} is valid through ${f.validTo} and expires at ${when(f.expiresAt)}; auto-renewal is off. Turn auto-renewal on or buy it again to keep its minutes and features.`,
    link: f.autoRenew ? '/balance' : '/packages',
  }),
  'package.renewed': (f) => ({
    title: `${f.packageName} was renewed`,
    body: `${f.packageName} for ${f.appLabel} renewed automatically for ${formatMoney(f.price, f.currency)}, valid ${f.validFrom} to ${f.validTo}.`,
    link: '/packages',
  }),
  'package.renewal_failed': (f) => ({
    title: `Auto-renewal of ${f.packageName} failed`,
    body: `${f.why} The package expired on ${f.validTo}. ${f.fallback}`,
    link: '/packages',
  }),
  'package.expired': (f) => ({
    title: `${f.packageName} expired`,
    body: `${f.packageName} for ${f.appLabel} was valid through ${f.validTo} and has expired.`,
    link: '/packages',
  }),
  'free_minutes.threshold': (f) => ({
    title: f.percent >= 100 ? "This month's free minutes are used up" : `This month's free minutes are ${f.percent} % used`,
    body: `${formatQuantity(f.minutesUsed)} of ${formatQuantity(f.minutes)} free minutes used as of ${when(f.asOf)} (cycle ends ${f.validTo}).${f.percent >= 100 ? ' Applications on the Free edition without a package stop until a package is bought or the next free minutes arrive; other usage is billed pay-as-you-go.' : ''}`,
    link: '/packages',
  }),
  'application.free_exhausted': (f) => ({
    title: `${f.appName} is suspended: free minutes used up`,
    body: `The month's 10,000 free minutes are used up and application ${f.sdkAppId} is on the Free edition. Buy a package to resume it now, or it resumes with next month's free minutes.`,
    link: `/applications/${f.sdkAppId}`,
  }),
  'application.resumed': (f) => ({
    title: `${f.appName} resumed`,
    body: `Application ${f.sdkAppId} resumed: ${f.why}.`,
    link: `/applications/${f.sdkAppId}`,
  }),
  'refund.requested': (f) => ({
    title: 'Your refund request was received',
    body: `${f.packageName}: ${formatMoney(f.amount, f.currency)} requested back to your balance. An administrator decides it; you are told the outcome here.`,
    link: '/packages',
  }),
  'refund.approved': (f) => ({
    title: 'Your refund was approved',
    body: `${formatMoney(f.amount, f.currency)} for ${f.packageName} is back in your balance.`,
    link: '/balance',
  }),
  'refund.rejected': (f) => ({
    title: 'Your refund request was not approved',
    body: `${f.packageName}: ${f.reason}`,
    link: '/packages',
  }),
  'bill.monthly': (f) => ({
    title: `Your bill for ${f.month} is ready`,
    body: `Bill ${f.billNumber} for ${f.month}: ${formatMoney(f.total, f.currency)}.`,
    link: `/bills/${f.billId}`,
  }),
  'webhook.disabled': (f) => ({
    title: 'Webhook endpoint disabled',
    body: `Every delivery to ${f.url} failed since ${when(f.failingSince)}, so the endpoint was disabled after three days. Fix it and enable it again under Settings → Webhooks; missed notices stay in the message center.`,
    link: '/settings/webhooks',
  }),
};

/**
 * A short name for each kind (the email settings list every kind by it). Typed by the kinds,
 * so a new kind cannot be added without one.
 */
export const NOTICE_KIND_LABEL: { [K in NoticeKind]: string } = {
  'balance.below_threshold': 'Balance below your threshold',
  'balance.adjusted': 'Balance adjusted by support',
  'account.overdue': 'Overdue, with the suspension deadline',
  'account.suspension_warning': 'Suspension warning (4 hours before)',
  'account.suspended': 'Suspended',
  'account.reclamation_warning': 'Reclamation warnings (30, 7 and 1 days before)',
  'account.reclaimed': 'Reclaimed',
  'account.restored': 'Restored',
  'package.usage_threshold': 'Package 80 % and 95 % used',
  'package.used_up': 'Package used up',
  'package.expiring': 'Package expiring',
  'package.renewed': 'Package renewed',
  'package.renewal_failed': 'Auto-renewal failed',
  'package.expired': 'Package expired',
  'free_minutes.threshold': 'Free minutes 80 % and 100 % used',
  'application.free_exhausted': 'Free-edition application stopped',
  'application.resumed': 'Free-edition application resumed',
  'refund.requested': 'Refund requested',
  'refund.approved': 'Refund approved',
  'refund.rejected': 'Refund not approved',
  'bill.monthly': 'Monthly bill issued',
  'webhook.disabled': 'Webhook endpoint disabled',
};

export function buildNotice<K extends NoticeKind>(kind: K, facts: NoticeFacts[K]): NoticeText {
  return (BUILDERS[kind] as (f: NoticeFacts[K]) => NoticeText)(facts);
}
