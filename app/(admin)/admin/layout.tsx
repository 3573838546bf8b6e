import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { signOutAction } from '@/app/(auth)/actions';
import { testClocksEnabled } from '@/lib/clock';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { setLanguageAction } from '@/app/actions';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('admin');
  const [t, locale] = await Promise.all([getTranslations('shell'), getLocale()]);
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.name}
      userEmail={user.email}
      roleLabel={t('roles.admin')}
      language={<LanguageSwitch current={locale} setLanguageAction={setLanguageAction} />}
      nav={[
        { href: '/admin/accounts', label: t('nav.accounts'), icon: ICONS.accounts },
        { href: '/admin/refunds', label: t('nav.refundRequests'), icon: ICONS.refunds },
        { href: '/admin/suspensions', label: t('nav.suspensions'), icon: ICONS.suspensions },
        { href: '/admin/audit', label: t('nav.auditLog'), icon: ICONS.audit },
        { href: '/admin/jobs', label: t('nav.jobRuns'), icon: ICONS.jobs },
      ]}
      secondaryNav={testClocksEnabled() ? { title: t('nav.development'), items: [{ href: '/dev', label: t('nav.developerTools'), icon: ICONS.developer }] } : undefined}
    >
      {children}
    </AppShell>
  );
}
