import { getLocale } from 'next-intl/server';
import { accountLocale, type Locale } from '@/lib/i18n/config';

/**
 * The language of a server action's answer (its success message): the request's language
 * (lib/i18n/request.ts), or, called outside a request (tests, scripts), the account's.
 * Messages come from `translatorFor(locale, ns)` so the same code runs in both.
 */
export async function actionLocale(account: { locale?: string | null; currency: string }): Promise<Locale> {
  try {
    return await getLocale();
  } catch {
    return accountLocale(account);
  }
}
