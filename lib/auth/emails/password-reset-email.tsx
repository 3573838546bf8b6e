import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export function passwordResetSubject(locale: Locale): string {
  return translatorFor(locale, 'emails')('passwordReset.subject');
}

/** Issue 13 item 6: the one-time reset link. */
export function PasswordResetEmail({ locale, name, link, validMinutes }: { locale: Locale; name: string; link: string; validMinutes: number }) {
  const t = translatorFor(locale, 'emails');
  return (
    <AuthEmailLayout locale={locale} preview={t('passwordReset.preview')} title={t('passwordReset.title')}>
      <P>{t('frame.greeting', { name })}</P>
      <P>{t('passwordReset.body', { minutes: validMinutes })}</P>
      <ActionLink locale={locale} href={link} label={t('passwordReset.action')} />
      <P>{t('passwordReset.ignore')}</P>
    </AuthEmailLayout>
  );
}
