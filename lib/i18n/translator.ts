import { createTranslator } from 'next-intl';
import { BILLING_TIME_ZONE } from '@/lib/time/local-date';
import type { Locale } from './config';
import { MESSAGES, type Messages } from './messages';

type TranslatorOf<N extends keyof Messages> = ReturnType<typeof createTranslator<Messages, N>>;

/** One translator per (language, namespace) for the process: it holds no request state, only the catalogue. */
const translators = new Map<string, unknown>();

/**
 * A translator outside a request (emails sent by the worker, exports built by jobs, bills and
 * the ledger worded at the display edge, tests): the caller names the language, usually
 * `accountLocale(account)` (./config.ts). Built once per language and namespace, so callers
 * need no cache of their own.
 *   const t = translatorFor('zh', 'notices');  t('account.overdue.title')
 */
export function translatorFor<N extends keyof Messages>(locale: Locale, namespace: N): TranslatorOf<N> {
  const key = `${locale}\u0000${namespace}`;
  let t = translators.get(key) as TranslatorOf<N> | undefined;
  if (!t) {
    t = createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: BILLING_TIME_ZONE });
    translators.set(key, t);
  }
  return t;
}
