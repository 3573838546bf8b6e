import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { signOutAction } from '@/app/(auth)/actions';
import { appEnv, testClocksEnabled } from '@/lib/clock';

/** Developer tools exist only in development and test deployments (lifecycle.md, Time). */
export default async function DevLayout({ children }: { children: ReactNode }) {
  if (!testClocksEnabled()) notFound();
  const user = await requirePageUser('signed-in');
  const back = user.role === 'admin' ? { href: '/admin/accounts', label: 'Admin console' } : { href: '/overview', label: 'Customer console' };
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.name}
      userEmail={user.email}
      roleLabel={`${user.role === 'admin' ? 'Administrator' : 'Customer'} · ${appEnv()} mode`}
      nav={[
        { href: '/dev', label: 'Developer tools', icon: ICONS.developer },
        { href: '/dev/mail', label: 'Mailbox', icon: ICONS.mail },
        { href: back.href, label: back.label, icon: ICONS.overview },
      ]}
    >
      {children}
    </AppShell>
  );
}
