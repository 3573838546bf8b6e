import type { Locale } from '@/lib/i18n/config';
import { formatMonthIn } from '@/lib/i18n/format';
import { translatorFor } from '@/lib/i18n/translator';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { formatLocalDateTime } from '@/lib/time/format';
import type { NoticeFacts, NoticeKind } from './kinds';

export type NoticeText = { title: string; body: string; link: string };

/** `2026-12-03 10:00 (UTC+8)`: every instant in a notice is told in the billing zone (lifecycle.md, Time). */
export function when(iso: string, locale: Locale = 'en'): string {
  return locale === 'zh' ? `${formatLocalDateTime(new Date(iso))}（UTC+8）` : `${formatLocalDateTime(new Date(iso))} (UTC+8)`;
}

type T = ReturnType<typeof translatorFor<'notices'>>;
type Builders = { [K in NoticeKind]: (f: NoticeFacts[K], t: T, locale: Locale) => NoticeText };

/** The two reasons lib/packages and lib/enforcement give for `application.resumed` (facts keep the English words: machine data). */
const RESUMED_WHY: Record<string, 'whyPackage' | 'whyFreeMinutes'> = {
  'a paid package is active': 'whyPackage',
  "next month's free minutes arrived": 'whyFreeMinutes',
};

/**
 * Title, body and link of each kind from its facts (pure), in the account's language
 * (lib/i18n/messages/{en,zh}/notices.json, keyed by kind; issue 14 item 4). The link is the
 * console page of what the notice is about: `/balance` for money and status, `/packages` for a
 * package, `/bills/<id>` for a bill, `/applications/<sdkAppId>` for an application.
 * Free text in the facts (an admin's reason, a renewal refusal's `why`/`fallback`) is kept as written.
 */
const BUILDERS: Builders = {
  'balance.below_threshold': (f, t, l) => ({
    title: f.day === 1 ? t('balance.below_threshold.titleFirst', { threshold: formatMoney(f.threshold, f.currency, l) }) : t('balance.below_threshold.titleStill', { threshold: formatMoney(f.threshold, f.currency, l) }),
    body: t('balance.below_threshold.body', { balance: formatMoney(f.balance, f.currency, l), threshold: formatMoney(f.threshold, f.currency, l), since: when(f.since, l) }),
    link: '/balance',
  }),
  'balance.adjusted': (f, t, l) => ({
    title: t('balance.adjusted.title'),
    body: t(f.amount.startsWith('-') ? 'balance.adjusted.bodyDebit' : 'balance.adjusted.bodyCredit', { amount: formatMoney(f.amount.replace(/^-/, ''), f.currency, l), reason: f.reason }),
    link: '/balance',
  }),
  'account.overdue': (f, t, l) => ({
    title: f.afterLift ? t('account.overdue.titleAfterLift') : t('account.overdue.title'),
    body: t('account.overdue.body', { owed: formatMoney(f.owed, f.currency, l), suspendAt: when(f.suspendAt, l) }),
    link: '/balance',
  }),
  'account.suspension_warning': (f, t, l) => ({
    title: t('account.suspension_warning.title'),
    body: t('account.suspension_warning.body', { owed: formatMoney(f.owed, f.currency, l), suspendAt: when(f.suspendAt, l) }),
    link: '/balance',
  }),
  'account.suspended': (f, t, l) =>
    f.reason === 'arrears'
      ? { title: t('account.suspended.arrearsTitle'), body: t('account.suspended.arrearsBody', { reclaimAt: when(f.reclaimAt, l) }), link: '/balance' }
      : { title: t('account.suspended.violationTitle'), body: t('account.suspended.violationBody', { reason: f.adminReason }), link: '/overview' },
  'account.reclamation_warning': (f, t, l) => ({
    title: t('account.reclamation_warning.title', { daysLeft: f.daysLeft }),
    body: t('account.reclamation_warning.body', { suspendedAt: when(f.suspendedAt, l), owed: formatMoney(f.owed, f.currency, l), reclaimAt: when(f.reclaimAt, l) }),
    link: '/balance',
  }),
  'account.reclaimed': (f, t) => ({
    title: t('account.reclaimed.title'),
    body: t('account.reclaimed.body', { applications: f.applications, usageRecords: f.usageRecords, packages: f.packages }),
    link: '/bills',
  }),
  'account.restored': (f, t, l) =>
    f.via === 'lift'
      ? { title: t('account.restored.liftTitle'), body: t('account.restored.liftBody'), link: '/overview' }
      : { title: t('account.restored.title'), body: t('account.restored.body', { balance: formatMoney(f.balance, f.currency, l) }), link: '/balance' },
  'package.usage_threshold': (f, t, l) => ({
    title: t('package.usage_threshold.title', { packageName: f.packageName, percent: String(f.percent) }),
    body: t('package.usage_threshold.body', {
      packageName: f.packageName,
      appLabel: f.appLabel,
      minutesUsed: formatQuantity(f.minutesUsed, l),
      minutes: formatQuantity(f.minutes, l),
      percent: String(f.percent),
      asOf: when(f.asOf, l),
    }),
    link: '/packages',
  }),
  'package.used_up': (f, t, l) => ({
    title: t('package.used_up.title', { packageName: f.packageName }),
    body: t('package.used_up.body', { packageName: f.packageName, appLabel: f.appLabel, minutes: formatQuantity(f.minutes, l), asOf: when(f.asOf, l), validTo: f.validTo }),
    link: '/packages',
  }),
  'package.expiring': (f, t, l) => ({
    title: t('package.expiring.title', { packageName: f.packageName, daysBefore: f.daysBefore }),
    body: f.autoRenew
      ? t('package.expiring.bodyAutoRenew', {
          packageName: f.packageName,
          appLabel: f.appLabel,
          expiresAt: when(f.expiresAt, l),
          price: formatMoney(f.renewalPrice, f.currency, l),
          balance: formatMoney(f.balance, f.currency, l),
        })
      : t('package.expiring.bodyManual', { packageName: f.packageName, appLabel: f.appLabel, validTo: f.validTo, expiresAt: when(f.expiresAt, l) }),
    link: f.autoRenew ? '/balance' : '/packages',
  }),
  'package.renewed': (f, t, l) => ({
    title: t('package.renewed.title', { packageName: f.packageName }),
    body: t('package.renewed.body', { packageName: f.packageName, appLabel: f.appLabel, price: formatMoney(f.price, f.currency, l), validFrom: f.validFrom, validTo: f.validTo }),
    link: '/packages',
  }),
  'package.renewal_failed': (f, t) => ({
    title: t('package.renewal_failed.title', { packageName: f.packageName }),
    body: t('package.renewal_failed.body', { why: f.why, validTo: f.validTo, fallback: f.fallback }),
    link: '/packages',
  }),
  'package.expired': (f, t) => ({
    title: t('package.expired.title', { packageName: f.packageName }),
    body: t('package.expired.body', { packageName: f.packageName, appLabel: f.appLabel, validTo: f.validTo }),
    link: '/packages',
  }),
  'free_minutes.threshold': (f, t, l) => {
    const args = { minutesUsed: formatQuantity(f.minutesUsed, l), minutes: formatQuantity(f.minutes, l), asOf: when(f.asOf, l), validTo: f.validTo };
    return f.percent >= 100
      ? { title: t('free_minutes.threshold.titleUsedUp'), body: t('free_minutes.threshold.bodyUsedUp', args), link: '/packages' }
      : { title: t('free_minutes.threshold.title', { percent: String(f.percent) }), body: t('free_minutes.threshold.body', args), link: '/packages' };
  },
  'application.free_exhausted': (f, t) => ({
    title: t('application.free_exhausted.title', { appName: f.appName }),
    body: t('application.free_exhausted.body', { sdkAppId: String(f.sdkAppId) }),
    link: `/applications/${f.sdkAppId}`,
  }),
  'application.resumed': (f, t) => {
    const why = RESUMED_WHY[f.why];
    return {
      title: t('application.resumed.title', { appName: f.appName }),
      body: t('application.resumed.body', { sdkAppId: String(f.sdkAppId), why: why ? t(`application.resumed.${why}`) : f.why }),
      link: `/applications/${f.sdkAppId}`,
    };
  },
  'refund.requested': (f, t, l) => ({
    title: t('refund.requested.title'),
    body: t('refund.requested.body', { packageName: f.packageName, amount: formatMoney(f.amount, f.currency, l) }),
    link: '/packages',
  }),
  'refund.approved': (f, t, l) => ({
    title: t('refund.approved.title'),
    body: t('refund.approved.body', { amount: formatMoney(f.amount, f.currency, l), packageName: f.packageName }),
    link: '/balance',
  }),
  'refund.rejected': (f, t) => ({
    title: t('refund.rejected.title'),
    body: t('refund.rejected.body', { packageName: f.packageName, reason: f.reason }),
    link: '/packages',
  }),
  'bill.monthly': (f, t, l) => {
    // English keeps `2024-10` as before; Chinese says 2024年10月.
    const month = l === 'zh' ? formatMonthIn(l, f.month) : f.month;
    return {
      title: t('bill.monthly.title', { month }),
      body: t('bill.monthly.body', { billNumber: f.billNumber, month, total: formatMoney(f.total, f.currency, l) }),
      link: `/bills/${f.billId}`,
    };
  },
  'webhook.disabled': (f, t, l) => ({
    title: t('webhook.disabled.title'),
    body: t('webhook.disabled.body', { url: f.url, failingSince: when(f.failingSince, l) }),
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

/** A notice's text in `locale` (default English; notify() passes the account's, lib/i18n/config.ts accountLocale). */
export function buildNotice<K extends NoticeKind>(kind: K, facts: NoticeFacts[K], locale: Locale = 'en'): NoticeText {
  return (BUILDERS[kind] as (f: NoticeFacts[K], t: T, l: Locale) => NoticeText)(facts, translatorFor(locale, 'notices'), locale);
}
