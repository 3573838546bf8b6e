import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { packageName, productName, type PackagesT } from '@/lib/packages/names';

/**
 * Why a ledger entry was posted, as facts (issue 14 item 4): a key and its values are stored
 * with the entry (`ledger_entries.description_key` / `description_params`), and every language
 * renders the sentence from them. The English sentence is also stored as `description`, word
 * for word what the console wrote before (audit, search, the API), rendered from the same
 * messages (`balance.ledger.descriptions`), so the two cannot drift.
 */
type PackageFacts = { catalogCode: string; minutes: string; app: string | null; sdkAppId: string };

export type LedgerDescription =
  | { key: 'topUp'; params: { last4: string } }
  | { key: 'daily' | 'late' | 'monthUsage' | 'monthItems'; params: { period: string; number: string } }
  | { key: 'adminAdjustment'; params: { reason: string } }
  | { key: 'packagePurchase'; params: PackageFacts & { validFrom: string; validTo: string } }
  /** Bought while another package of the product is active: it starts when that one ends. */
  | { key: 'packageQueued'; params: PackageFacts & { product: string } }
  | { key: 'autoRenewal'; params: PackageFacts & { validFrom: string; validTo: string } }
  | { key: 'refund'; params: PackageFacts }
  /** The opening balance the developer tools give a test customer (lib/accounts/test-customer.ts). */
  | { key: 'openingBalance'; params: Record<string, never> }
  /** A sentence written by a tool (tests, benchmarks): shown as written in every language. */
  | { key: 'note'; params: { text: string } };

export type LedgerDescriptionKey = LedgerDescription['key'];

type Stored = { description: string; descriptionKey: string | null; descriptionParams: unknown };

const translators = (locale: Locale) => ({ balance: translatorFor(locale, 'balance'), packages: translatorFor(locale, 'packages') as unknown as PackagesT });

/** The sentence of a description in a language. */
export function describeLedgerEntry(locale: Locale, d: LedgerDescription): string {
  const { balance: t, packages } = translators(locale);
  switch (d.key) {
    case 'topUp':
      return t('ledger.descriptions.topUp', d.params);
    case 'daily':
    case 'late':
    case 'monthUsage':
    case 'monthItems':
      return t(`ledger.descriptions.${d.key}`, d.params);
    case 'adminAdjustment':
      return t('ledger.descriptions.adminAdjustment', d.params);
    case 'openingBalance':
      return t('ledger.descriptions.openingBalance');
    case 'note':
      return d.params.text;
    default: {
      const p = d.params;
      const name = packageName(packages, { catalogCode: p.catalogCode, minutes: p.minutes });
      const app = p.app === null ? t('ledger.descriptions.appBare', { sdkAppId: p.sdkAppId }) : t('ledger.descriptions.app', { app: p.app, sdkAppId: p.sdkAppId });
      if (d.key === 'packagePurchase' || d.key === 'autoRenewal') return t(`ledger.descriptions.${d.key}`, { name, app, validFrom: d.params.validFrom, validTo: d.params.validTo });
      if (d.key === 'packageQueued') return t('ledger.descriptions.packageQueued', { name, app, product: productName(packages, d.params.product), productCode: d.params.product });
      return t('ledger.descriptions.refund', { name, app });
    }
  }
}

/** The English sentence stored as `description` beside the key. */
export const ledgerDescriptionText = (d: LedgerDescription) => describeLedgerEntry('en', d);

const KEYS: ReadonlySet<string> = new Set<LedgerDescriptionKey>(['topUp', 'daily', 'late', 'monthUsage', 'monthItems', 'adminAdjustment', 'packagePurchase', 'packageQueued', 'autoRenewal', 'refund', 'openingBalance', 'note']);

/**
 * A stored entry in the reader's language: from its key and values; an entry without a key
 * (posted before keys were stored, and not one of the sentences the migration recognised) as written.
 */
export function ledgerDescriptionIn(locale: Locale, entry: Stored): string {
  if (entry.descriptionKey === null || !KEYS.has(entry.descriptionKey) || typeof entry.descriptionParams !== 'object' || entry.descriptionParams === null) return entry.description;
  return describeLedgerEntry(locale, { key: entry.descriptionKey, params: entry.descriptionParams } as LedgerDescription);
}
