import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'TRTC Billing Console', template: '%s · TRTC Billing' },
  description: 'Applications, packages, usage and bills for a real-time audio/video cloud.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce (proxy.ts) is new each time, and Next
  // puts it on its scripts only when rendering dynamically (a prerendered page has none).
  await headers();
  return (
    <html lang="en" className="h-full bg-slate-50">
      <body className="h-full font-sans text-slate-900">{children}</body>
    </html>
  );
}
