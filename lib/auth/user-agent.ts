import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';

/** "Chrome 131 on Linux" / "Chrome 131（Linux）" from a User-Agent header, for the session list; the raw header is shown on hover. */
export function describeUserAgent(ua: string, locale: Locale = 'en'): string {
  const t = translatorFor(locale, 'account');
  if (!ua) return t('sessions.userAgent.unknown');
  const browser =
    /Edg\/(\d+)/.exec(ua)?.[1] !== undefined
      ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}`
      : /(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/.exec(ua)
        ? `Chrome ${/(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/.exec(ua)![1]}`
        : /Firefox\/(\d+)/.exec(ua)
          ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}`
          : /Version\/(\d+).*Safari/.exec(ua)
            ? `Safari ${/Version\/(\d+).*Safari/.exec(ua)![1]}`
            : /curl\/|node|undici/i.test(ua)
              ? t('sessions.userAgent.script')
              : t('sessions.userAgent.other');
  const os = /Windows/.test(ua) ? 'Windows' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? t('sessions.userAgent.browserOn', { browser, os }) : browser;
}
