import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { EmailLanguage } from '../language';

const FOOTER: Record<EmailLanguage, string> = {
  en: 'TRTC Billing Console. You receive this because your address is a contact of this account.',
  zh: 'TRTC 计费控制台。您收到此邮件，是因为您的地址是该账号的联系人。',
};

/** The frame of every email: preview line, white card, footer (also in the plain-text part). */
export function EmailLayout({ language, preview, children, footer }: { language: EmailLanguage; preview: string; children: ReactNode; footer?: string }) {
  return (
    <Html lang={language === 'zh' ? 'zh-CN' : 'en'}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, "PingFang SC", "Microsoft YaHei", sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', borderRadius: 8, maxWidth: 560, padding: '24px 32px' }}>
          <Text style={{ color: '#4f46e5', fontSize: 13, fontWeight: 600, letterSpacing: 0.5, margin: '0 0 12px' }}>TRTC Billing</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: '24px 0 12px' }} />
          <Text style={{ color: '#6b7280', fontSize: 12, lineHeight: '18px', margin: 0 }}>{footer ?? FOOTER[language]}</Text>
        </Container>
      </Body>
    </Html>
  );
}
