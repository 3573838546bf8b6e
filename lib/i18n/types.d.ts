import type { Locale } from './config';
import type { Messages } from './messages';

// Keys are checked by TypeScript against the English catalogue: `t('shell.nav.usage')` with a
// typo fails `tsc`, and lib/i18n/messages.test.ts keeps Chinese in step with English.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
