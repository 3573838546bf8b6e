import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export function verifyEmailSubject(locale: Locale): string {
  return translatorFor(locale, 'emails')('verifyEmail.subject');
}

/** Issue 13 item 7: confirm the address before the account can buy packages. */
export function VerifyEmailEmail({ locale, name, link, validHours }: { locale: Locale; name: string; link: string; validHours: number }) {
  const t = translatorFor(locale, 'emails');
  return (
    <AuthEmailLayout locale={locale} preview={t('verifyEmail.preview')} title={t('verifyEmail.title')}>
      <P>{t('frame.greeting', { name })}</P>
      <P>{t('verifyEmail.body', { hours: validHours })}</P>
      <ActionLink locale={locale} href={link} label={t('verifyEmail.action')} />
      <P>{t('verifyEmail.ignore')}</P>
    </AuthEmailLayout>
  );
}
