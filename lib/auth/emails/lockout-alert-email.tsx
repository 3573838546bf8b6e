import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { AuthEmailLayout, P } from './auth-email-layout';

export function lockoutAlertSubject(locale: Locale): string {
  return translatorFor(locale, 'emails')('lockoutAlert.subject');
}

/** Issue 13 item 3: the per-email ceiling tripped. */
export function LockoutAlertEmail({ locale, name, failures, windowMinutes }: { locale: Locale; name: string; failures: number; windowMinutes: number }) {
  const t = translatorFor(locale, 'emails');
  return (
    <AuthEmailLayout locale={locale} preview={t('lockoutAlert.preview')} title={t('lockoutAlert.title')}>
      <P>{t('frame.greeting', { name })}</P>
      <P>{t('lockoutAlert.body', { failures, minutes: windowMinutes })}</P>
      <P>{t('lockoutAlert.notYou')}</P>
    </AuthEmailLayout>
  );
}
