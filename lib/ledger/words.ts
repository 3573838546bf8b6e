import type { LedgerKind } from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';

/** The ledger in the reader's language (issue 14 item 4); descriptions: ./description.ts. */
const balanceT = (locale: Locale) => translatorFor(locale, 'balance');

export function ledgerKindLabel(locale: Locale, kind: LedgerKind): string {
  return balanceT(locale)(`ledger.kind.${kind}`);
}

export { ledgerDescriptionIn } from './description';
