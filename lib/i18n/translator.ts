import { createTranslator } from 'next-intl';
import { BILLING_TIME_ZONE } from '@/lib/time/local-date';
import type { Locale } from './config';
import { MESSAGES, type Messages } from './messages';

/**
 * A translator outside a request (emails sent by the worker, exports built by jobs, tests):
 * the caller names the language, usually `accountLocale(account)` (./config.ts).
 *   const t = translatorFor('zh', 'notices');  t('account.overdue.title')
 */
export function translatorFor<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: BILLING_TIME_ZONE });
}
