import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { AuthEmailLayout, P } from './auth-email-layout';

export function passwordChangedSubject(locale: Locale): string {
  return translatorFor(locale, 'emails')('passwordChanged.subject');
}

/** Issue 13 items 5 and 6: after a change or reset every session was ended. */
export function PasswordChangedEmail({ locale, name, how }: { locale: Locale; name: string; how: 'changed' | 'reset' }) {
  const t = translatorFor(locale, 'emails');
  return (
    <AuthEmailLayout locale={locale} preview={t('passwordChanged.preview')} title={t('passwordChanged.title')}>
      <P>{t('frame.greeting', { name })}</P>
      <P>{how === 'reset' ? t('passwordChanged.bodyReset') : t('passwordChanged.bodyChanged')}</P>
      <P>{t('passwordChanged.notYou')}</P>
    </AuthEmailLayout>
  );
}
