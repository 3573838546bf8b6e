import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { signOutAction } from '@/app/(auth)/actions';

/** Account security for customers and admins alike (issue 13 items 5 and 6). */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('signed-in');
  const home = user.role === 'admin' ? { href: '/admin/accounts', label: 'Back to accounts', icon: ICONS.accounts } : { href: '/overview', label: 'Back to the console', icon: ICONS.overview };
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.account?.name ?? user.name}
      userEmail={user.email}
      roleLabel={user.role === 'admin' ? 'Administrator' : `Customer · ${user.account?.currency ?? ''}`}
      nav={[
        home,
        { href: '/account/security', label: 'Sessions', icon: ICONS.security },
        { href: '/account/password', label: 'Change password', icon: ICONS.security },
      ]}
    >
      {children}
    </AppShell>
  );
}
