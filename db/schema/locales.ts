/**
 * The languages an account may choose (`accounts.locale`, issue 14 item 4): the storage layer
 * owns the literal list its enum stores; lib/i18n/config.ts builds the language rule on it.
 * Imports nothing: client components reach it through lib/i18n/config.ts.
 */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
