import type { LedgerKind } from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';

/**
 * The ledger in the reader's language (issue 14 item 4). Entries keep the English description
 * written when they were posted (lib/accounts, lib/settlement, lib/admin); the page and the export
 * show the ones they know in Chinese, matched exactly (bill numbers, days and card digits carried
 * over), and any other as it was written. English: unchanged.
 */
const translators = new Map<Locale, ReturnType<typeof translatorFor<'balance'>>>();
function balanceT(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    t = translatorFor(locale, 'balance');
    translators.set(locale, t);
  }
  return t;
}

export function ledgerKindLabel(locale: Locale, kind: LedgerKind): string {
  return balanceT(locale)(`ledger.kind.${kind}`);
}

export function ledgerDescriptionIn(locale: Locale, description: string): string {
  if (locale === 'en') return description;
  const t = balanceT(locale);
  let m = description.match(/^Top-up by card •••• (\d{4})$/);
  if (m) return t('ledger.descriptions.topUp', { last4: m[1]! });
  m = description.match(/^Pay-as-you-go usage of (\S+) \(bill (\S+)\)$/);
  if (m) return t('ledger.descriptions.daily', { period: m[1]!, number: m[2]! });
  m = description.match(/^Late usage of (\S+) \(adjustment bill (\S+)\)$/);
  if (m) return t('ledger.descriptions.late', { period: m[1]!, number: m[2]! });
  m = description.match(/^Usage of (\S+) \(bill (\S+)\)$/);
  if (m) return t('ledger.descriptions.monthUsage', { period: m[1]!, number: m[2]! });
  m = description.match(/^Monthly items of (\S+) \(bill (\S+)\)$/);
  if (m) return t('ledger.descriptions.monthItems', { period: m[1]!, number: m[2]! });
  m = description.match(/^Adjustment by an administrator: ([\s\S]*)$/);
  if (m) return t('ledger.descriptions.adminAdjustment', { reason: m[1]! });
  return description;
}
