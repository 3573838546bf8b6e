import { Heading, Text } from '@react-email/components';
import type { EmailLanguage } from '../language';
import { EmailLayout } from './layout';

const TEXT = {
  en: { title: 'Test email', body: 'Email delivery from the TRTC billing console works: this address receives the account’s notices.' },
  zh: { title: '测试邮件', body: 'TRTC 计费控制台的邮件发送正常：此地址将收到该账号的通知。' },
} as const;

/** Sent from the account settings page to check the contacts receive mail. */
export function TestEmail({ language }: { language: EmailLanguage }) {
  const t = TEXT[language];
  return (
    <EmailLayout language={language} preview={t.title}>
      <Heading as="h1" style={{ fontSize: 20, color: '#111827', margin: '0 0 12px' }}>
        {t.title}
      </Heading>
      <Text style={{ fontSize: 14, lineHeight: '22px', color: '#374151' }}>{t.body}</Text>
    </EmailLayout>
  );
}

export function testEmailSubject(language: EmailLanguage): string {
  return TEXT[language].title;
}
