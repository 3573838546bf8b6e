import { Button, Heading, Text } from '@react-email/components';
import type { EmailLanguage } from '../language';
import { EmailLayout } from './layout';

const TEXT = {
  en: {
    greeting: (name: string) => `Hello ${name},`,
    open: 'Open in the console',
    at: 'Time (UTC+8)',
    optOut: 'Choose which notices you receive by email under Account settings. Account-status notices cannot be switched off.',
  },
  zh: {
    greeting: (name: string) => `${name}，您好：`,
    open: '在控制台中查看',
    at: '时间（UTC+8）',
    optOut: '您可以在“账号设置”中选择通过邮件接收哪些通知。账号状态类通知无法关闭。',
  },
} as const;

export type NoticeEmailProps = {
  language: EmailLanguage;
  accountName: string;
  title: string;
  body: string;
  /** Local date-time of the notice, already formatted. */
  at: string;
  /** Absolute URL of what the notice is about, when the console's address is known. */
  url: string | null;
};

/** Every notice kind's email: the notice's own title and text, in the account's language frame. */
export function NoticeEmail({ language, accountName, title, body, at, url }: NoticeEmailProps) {
  const t = TEXT[language];
  return (
    <EmailLayout language={language} preview={title}>
      <Text style={{ fontSize: 14, color: '#111827', margin: '0 0 8px' }}>{t.greeting(accountName)}</Text>
      <Heading as="h1" style={{ fontSize: 20, color: '#111827', margin: '0 0 12px' }}>
        {title}
      </Heading>
      <Text style={{ fontSize: 14, lineHeight: '22px', color: '#374151', whiteSpace: 'pre-line' }}>{body}</Text>
      <Text style={{ fontSize: 12, color: '#6b7280' }}>
        {t.at}: {at}
      </Text>
      {url ? (
        <Button href={url} style={{ backgroundColor: '#4f46e5', color: '#ffffff', borderRadius: 6, padding: '10px 16px', fontSize: 14, fontWeight: 600 }}>
          {t.open}
        </Button>
      ) : null}
      <Text style={{ fontSize: 12, color: '#6b7280', marginTop: 20 }}>{t.optOut}</Text>
    </EmailLayout>
  );
}
