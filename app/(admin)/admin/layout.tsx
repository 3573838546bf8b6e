import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { signOutAction } from '@/app/(auth)/actions';
import { testClocksEnabled } from '@/lib/clock';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('admin');
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.name}
      userEmail={user.email}
      roleLabel="Administrator"
      nav={[
        { href: '/admin/accounts', label: 'Accounts', icon: ICONS.accounts },
        { href: '/admin/refunds', label: 'Refund requests', icon: ICONS.refunds },
        { href: '/admin/suspensions', label: 'Suspensions', icon: ICONS.suspensions },
        { href: '/admin/audit', label: 'Audit log', icon: ICONS.audit },
        { href: '/admin/jobs', label: 'Job runs', icon: ICONS.jobs },
      ]}
      secondaryNav={testClocksEnabled() ? { title: 'Development', items: [{ href: '/dev', label: 'Developer tools', icon: ICONS.developer }] } : undefined}
    >
      {children}
    </AppShell>
  );
}
