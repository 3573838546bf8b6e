import { Button, Heading, Text } from '@react-email/components';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import { EmailLayout } from './layout';

export type NoticeEmailProps = {
  language: Locale;
  accountName: string;
  title: string;
  body: string;
  /** Local date-time of the notice, already formatted. */
  at: string;
  /** Absolute URL of what the notice is about, when the console's address is known. */
  url: string | null;
};

/**
 * Every notice kind's email: the notice's own title and text (written in the account's
 * language when it was made, lib/notices/notify.ts), in the same language's frame.
 */
export function NoticeEmail({ language, accountName, title, body, at, url }: NoticeEmailProps) {
  const t = translatorFor(language, 'emails');
  return (
    <EmailLayout language={language} preview={title}>
      <Text style={{ fontSize: 14, color: '#111827', margin: '0 0 8px' }}>{t('frame.greeting', { name: accountName })}</Text>
      <Heading as="h1" style={{ fontSize: 20, color: '#111827', margin: '0 0 12px' }}>
        {title}
      </Heading>
      <Text style={{ fontSize: 14, lineHeight: '22px', color: '#374151', whiteSpace: 'pre-line' }}>{body}</Text>
      <Text style={{ fontSize: 12, color: '#6b7280' }}>{t('notice.at', { at })}</Text>
      {url ? (
        <Button href={url} style={{ backgroundColor: '#4f46e5', color: '#ffffff', borderRadius: 6, padding: '10px 16px', fontSize: 14, fontWeight: 600 }}>
          {t('notice.open')}
        </Button>
      ) : null}
      <Text style={{ fontSize: 12, color: '#6b7280', marginTop: 20 }}>{t('notice.optOut')}</Text>
    </EmailLayout>
  );
}
