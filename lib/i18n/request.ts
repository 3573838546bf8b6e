import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/guard';
import { isDatabaseUnavailable, ServiceUnavailableError } from '@/db/availability';
import { BILLING_TIME_ZONE } from '@/lib/time/local-date';
import { LOCALE_COOKIE, resolveLocale, type Locale } from './config';
import { MESSAGES } from './messages';

/**
 * next-intl's per-request configuration (next.config.js points here). No locale in the URL:
 * the console's addresses stay the same in both languages; the language comes from the
 * rules in ./config.ts. The signed-in user is the request's cached `getCurrentUser`, the same
 * read the page's guard makes, so this costs no extra query on console pages.
 */
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: MESSAGES[locale],
    // Local days and times are Asia/Shanghai (lifecycle.md, Clock), in both languages.
    timeZone: BILLING_TIME_ZONE,
  };
});

async function requestLocale(): Promise<Locale> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const cookie = jar.get(LOCALE_COOKIE)?.value ?? null;
  const acceptLanguage = h.get('accept-language');
  if (cookie) return resolveLocale({ cookie, acceptLanguage });
  // While the database is unreachable the page's own guard answers 503 (db/availability.ts);
  // the language of that answer then follows the browser instead of failing a second time.
  const user = await getCurrentUser().catch((error: unknown) => {
    if (error instanceof ServiceUnavailableError || isDatabaseUnavailable(error)) return null;
    throw error;
  });
  return resolveLocale({ account: user?.account ?? null, acceptLanguage });
}
