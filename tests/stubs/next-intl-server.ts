import { isLocale, type Locale } from '@/lib/i18n/config';
import { MESSAGES } from '@/lib/i18n/messages';
import { translatorFor } from '@/lib/i18n/translator';

/**
 * `next-intl/server` outside a Next request (tests that call server actions directly):
 * Vitest resolves next-intl's client build, whose getTranslations throws "not supported in
 * Client Components". English, as e2e runs by default. Use with
 * `vi.mock('next-intl/server', () => import('@/tests/stubs/next-intl-server'))`.
 */
type Ns = keyof typeof MESSAGES.en;
export async function getTranslations(arg?: Ns | { locale?: string; namespace?: Ns }) {
  const { locale, namespace } = typeof arg === 'object' ? arg : { locale: undefined, namespace: arg };
  return translatorFor((isLocale(locale) ? locale : 'en') as Locale, namespace as Ns);
}
export async function getLocale(): Promise<Locale> {
  return 'en';
}
export async function getMessages() {
  return MESSAGES.en;
}
