import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { INTL_LOCALE } from '@/lib/i18n/config';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'TRTC Billing Console', template: '%s · TRTC Billing' },
  description: 'Applications, packages, usage and bills for a real-time audio/video cloud.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce (proxy.ts) is new each time, and Next
  // puts it on its scripts only when rendering dynamically (a prerendered page has none).
  await headers();
  const locale = await getLocale();
  return (
    <html lang={INTL_LOCALE[locale]} className="h-full bg-slate-50">
      <body className="h-full font-sans text-slate-900">
        {/* Client components read their messages from here (next-intl passes them on). */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
