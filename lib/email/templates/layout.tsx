import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';

/**
 * The frame of every notice email: preview line, white card, footer (also in the plain-text
 * part), in the account's language (`accountLocale`, lib/i18n/config.ts; issue 14 item 4).
 */
export function EmailLayout({ language, preview, children, footer }: { language: Locale; preview: string; children: ReactNode; footer?: string }) {
  const t = translatorFor(language, 'emails');
  return (
    <Html lang={language === 'zh' ? 'zh-CN' : 'en'}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, "PingFang SC", "Microsoft YaHei", sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', borderRadius: 8, maxWidth: 560, padding: '24px 32px' }}>
          <Text style={{ color: '#4f46e5', fontSize: 13, fontWeight: 600, letterSpacing: 0.5, margin: '0 0 12px' }}>{t('frame.brand')}</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: '24px 0 12px' }} />
          <Text style={{ color: '#6b7280', fontSize: 12, lineHeight: '18px', margin: 0 }}>{footer ?? t('frame.noticeFooter')}</Text>
        </Container>
      </Body>
    </Html>
  );
}
