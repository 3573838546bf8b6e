/**
 * The notice kinds a customer can choose for email (lifecycle.md, Notices), typed by the
 * notices catalogue (lib/notices/kinds.ts) so a kind cannot be misspelled or drift; account-status
 * kinds are listed so the page can show them as always on.
 */
import type { NoticeKind } from '@/lib/notices/kinds';

/** `webhook.disabled` is written by lib/webhooks until it moves into the notices catalogue. */
type EmailKind = NoticeKind | 'webhook.disabled';

export const EMAIL_KIND_GROUPS: { label: string; kinds: { kind: EmailKind; label: string }[] }[] = [
  {
    label: 'Account status (always sent)',
    kinds: [
      { kind: 'account.overdue', label: 'Overdue, with the suspension deadline' },
      { kind: 'account.suspension_warning', label: 'Suspension warning (4 hours before)' },
      { kind: 'account.suspended', label: 'Suspended' },
      { kind: 'account.reclamation_warning', label: 'Reclamation warnings' },
      { kind: 'account.reclaimed', label: 'Reclaimed' },
      { kind: 'account.restored', label: 'Restored' },
    ],
  },
  { label: 'Balance', kinds: [{ kind: 'balance.below_threshold', label: 'Balance below your threshold' }, { kind: 'balance.adjusted', label: 'Balance adjusted by support' }] },
  {
    label: 'Packages',
    kinds: [
      { kind: 'package.usage_threshold', label: 'Package 80 % / 95 % used' },
      { kind: 'package.used_up', label: 'Package used up' },
      { kind: 'package.expiring', label: 'Package expiring' },
      { kind: 'package.renewed', label: 'Package renewed' },
      { kind: 'package.renewal_failed', label: 'Renewal failed' },
      { kind: 'package.expired', label: 'Package expired' },
    ],
  },
  {
    label: 'Free minutes',
    kinds: [
      { kind: 'free_minutes.threshold', label: 'Free minutes 80 % / 100 %' },
      { kind: 'application.free_exhausted', label: 'Free-edition application stopped' },
      { kind: 'application.resumed', label: 'Free-edition application resumed' },
    ],
  },
  { label: 'Refunds', kinds: [{ kind: 'refund.requested', label: 'Refund requested' }, { kind: 'refund.approved', label: 'Refund approved' }, { kind: 'refund.rejected', label: 'Refund rejected' }] },
  { label: 'Bills and webhooks', kinds: [{ kind: 'bill.monthly', label: 'Monthly bill' }, { kind: 'webhook.disabled', label: 'Webhook endpoint disabled' }] },
];

export const EMAIL_KINDS: string[] = EMAIL_KIND_GROUPS.flatMap((g) => g.kinds.map((k) => k.kind));
