import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { setLanguageAction } from '@/app/actions';
import { signOutAction } from '@/app/(auth)/actions';

/** Account security for customers and admins alike (issue 13 items 5 and 6). */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('signed-in');
  const [t, locale] = await Promise.all([getTranslations('shell'), getLocale()]);
  const home = user.role === 'admin' ? { href: '/admin/accounts', label: t('nav.backToAccounts'), icon: ICONS.accounts } : { href: '/overview', label: t('nav.backToConsole'), icon: ICONS.overview };
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.account?.name ?? user.name}
      userEmail={user.email}
      roleLabel={user.role === 'admin' ? t('roles.admin') : t('roles.customer', { currency: user.account?.currency ?? '' })}
      language={<LanguageSwitch current={locale} setLanguageAction={setLanguageAction} />}
      nav={[
        home,
        { href: '/account/security', label: t('nav.sessions'), icon: ICONS.security },
        { href: '/account/password', label: t('nav.changePassword'), icon: ICONS.security },
      ]}
    >
      {children}
    </AppShell>
  );
}
