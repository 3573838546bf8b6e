import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export function invitationSubject(locale: Locale): string {
  return translatorFor(locale, 'emails')('invitation.subject');
}

/** Issue 12 item 1: an admin created an account and invites its owner by email instead of giving a first password. */
export function InvitationEmail({ locale, name, accountName, priceBookName, link, validDays }: { locale: Locale; name: string; accountName: string; priceBookName: string; link: string; validDays: number }) {
  const t = translatorFor(locale, 'emails');
  return (
    <AuthEmailLayout locale={locale} preview={t('invitation.preview')} title={t('invitation.title')}>
      <P>{t('frame.greeting', { name })}</P>
      <P>{t('invitation.body', { accountName, priceBook: priceBookName, days: validDays })}</P>
      <ActionLink locale={locale} href={link} label={t('invitation.action')} />
      <P>{t('invitation.ignore')}</P>
    </AuthEmailLayout>
  );
}
