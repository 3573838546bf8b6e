import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { signOutAction } from '@/app/(auth)/actions';
import { appEnv, testClocksEnabled } from '@/lib/clock';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { setLanguageAction } from '@/app/actions';

/** Developer tools exist only in development and test deployments (lifecycle.md, Time). */
export default async function DevLayout({ children }: { children: ReactNode }) {
  if (!testClocksEnabled()) notFound();
  const user = await requirePageUser('signed-in');
  const [t, locale] = await Promise.all([getTranslations('shell'), getLocale()]);
  const back = user.role === 'admin' ? { href: '/admin/accounts', label: t('nav.adminConsole') } : { href: '/overview', label: t('nav.customerConsole') };
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.name}
      userEmail={user.email}
      roleLabel={t('roles.devMode', { role: user.role === 'admin' ? t('roles.admin') : t('roles.customerPlain'), mode: appEnv() })}
      language={<LanguageSwitch current={locale} setLanguageAction={setLanguageAction} />}
      nav={[
        { href: '/dev', label: t('nav.developerTools'), icon: ICONS.developer },
        { href: '/dev/mail', label: t('nav.mailbox'), icon: ICONS.mail },
        { href: back.href, label: back.label, icon: ICONS.overview },
      ]}
    >
      {children}
    </AppShell>
  );
}
