/**
 * The console's two languages (issue 14 item 4). Pure: no request, no database.
 *
 * Which language a page is in, first that applies:
 * 1. the language switch's cookie (`NEXT_LOCALE`): an explicit choice on this browser;
 * 2. the account's saved choice (`accounts.locale`), so it follows the owner to every device;
 * 3. Chinese for a CNY account: TRTC's mainland console is Chinese and its customers know the
 *    seeds' terms (套餐包, 欠费, 停服, 资源回收; seed 000, 2022 Chinese edition);
 * 4. the browser's Accept-Language when it prefers Chinese;
 * 5. English.
 * Emails, webhooks' human text and exports made without a request use 2, 3 and 5.
 *
 * Client components read it too. The list of languages is the `accounts.locale` enum's
 * (db/schema/locales.ts, which imports nothing).
 */
import { LOCALES, type Locale } from '@/db/schema/locales';

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
/** One year: the choice outlives sessions. */
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** The BCP 47 tag given to Intl and to `<html lang>`. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

/** Names shown in the switch, each in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '中文' };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The language of an account when nobody is asking from a browser (emails, exports by jobs). */
export function accountLocale(account: { locale?: string | null; currency: string }): Locale {
  if (isLocale(account.locale)) return account.locale;
  return account.currency === 'CNY' ? 'zh' : DEFAULT_LOCALE;
}

/** Does the Accept-Language header rank Chinese above English (or name Chinese and not English)? */
export function prefersChinese(acceptLanguage: string | null | undefined): boolean {
  if (!acceptLanguage) return false;
  let zh = -1;
  let en = -1;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    if (!tag) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const base = tag.split('-')[0];
    if (base === 'zh') zh = Math.max(zh, q);
    else if (base === 'en') en = Math.max(en, q);
  }
  return zh > en;
}

export function resolveLocale(input: {
  cookie?: string | null;
  account?: { locale?: string | null; currency: string } | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(input.cookie)) return input.cookie;
  if (input.account) return accountLocale(input.account);
  return prefersChinese(input.acceptLanguage) ? 'zh' : DEFAULT_LOCALE;
}
