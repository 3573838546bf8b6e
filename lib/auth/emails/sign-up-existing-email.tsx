import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export function signUpExistingSubject(locale: Locale): string {
  return translatorFor(locale, 'emails')('signUpExisting.subject');
}

/** Issue 13 item 7: sign-up with a taken address answers as for a new one; the owner gets this instead. */
export function SignUpExistingEmail({ locale, name, signInLink, resetLink }: { locale: Locale; name: string; signInLink: string; resetLink: string }) {
  const t = translatorFor(locale, 'emails');
  return (
    <AuthEmailLayout locale={locale} preview={t('signUpExisting.preview')} title={t('signUpExisting.title')}>
      <P>{t('frame.greeting', { name })}</P>
      <P>{t('signUpExisting.body')}</P>
      <ActionLink locale={locale} href={signInLink} label={t('signUpExisting.action')} />
      <P>{t('signUpExisting.reset', { link: resetLink })}</P>
      <P>{t('signUpExisting.ignore')}</P>
    </AuthEmailLayout>
  );
}
