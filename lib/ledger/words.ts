import type { LedgerKind } from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';

/** The ledger in the reader's language (issue 14 item 4); descriptions: ./description.ts. */
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

export { ledgerDescriptionIn } from './description';
