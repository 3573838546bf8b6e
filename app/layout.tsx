import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'TRTC Billing Console', template: '%s · TRTC Billing' },
  description: 'Applications, packages, usage and bills for a real-time audio/video cloud.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="h-full bg-slate-50">
      <body className="h-full font-sans text-slate-900">{children}</body>
    </html>
  );
}
