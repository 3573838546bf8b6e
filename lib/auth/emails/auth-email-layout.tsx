import type { ReactNode } from 'react';
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';

/**
 * The frame of the security emails: a heading, paragraphs, an optional button. In the
 * language of the user's account (`accountLocale`, lib/i18n/config.ts; admins: English).
 */
export function AuthEmailLayout({ locale, preview, title, children }: { locale: Locale; preview: string; title: string; children: ReactNode }) {
  const t = translatorFor(locale, 'emails');
  return (
    <Html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, "PingFang SC", "Microsoft YaHei", sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', borderRadius: 8, maxWidth: 560, padding: '24px 32px' }}>
          <Text style={{ color: '#4f46e5', fontSize: 13, fontWeight: 600, letterSpacing: 0.5, margin: '0 0 12px' }}>{t('frame.brand')}</Text>
          <Heading as="h1" style={{ fontSize: 20, color: '#111827', margin: '0 0 12px' }}>
            {title}
          </Heading>
          <Section>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: '24px 0 12px' }} />
          <Text style={{ color: '#6b7280', fontSize: 12, lineHeight: '18px', margin: 0 }}>{t('frame.securityFooter')}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: 14, lineHeight: '22px', color: '#374151' }}>{children}</Text>;
}

/** A button plus the link written out, for the plain-text part and mail clients without buttons. */
export function ActionLink({ locale, href, label }: { locale: Locale; href: string; label: string }) {
  const t = translatorFor(locale, 'emails');
  return (
    <>
      <Button href={href} style={{ backgroundColor: '#4f46e5', borderRadius: 6, color: '#ffffff', fontSize: 14, fontWeight: 600, padding: '10px 18px' }}>
        {label}
      </Button>
      <Text style={{ fontSize: 12, lineHeight: '18px', color: '#6b7280', wordBreak: 'break-all' }}>{t('frame.orOpen', { href })}</Text>
    </>
  );
}
