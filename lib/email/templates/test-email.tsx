import { Heading, Text } from '@react-email/components';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { EmailLayout } from './layout';

/** Sent from the account settings page to check the contacts receive mail. */
export function TestEmail({ language }: { language: Locale }) {
  const t = translatorFor(language, 'emails');
  return (
    <EmailLayout language={language} preview={t('test.title')}>
      <Heading as="h1" style={{ fontSize: 20, color: '#111827', margin: '0 0 12px' }}>
        {t('test.title')}
      </Heading>
      <Text style={{ fontSize: 14, lineHeight: '22px', color: '#374151' }}>{t('test.body')}</Text>
    </EmailLayout>
  );
}

export function testEmailSubject(language: Locale): string {
  return translatorFor(language, 'emails')('test.title');
}
