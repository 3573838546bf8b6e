import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { AccountStatusBanner } from '@/components/shell/account-status-banner';
import { VerifyEmailBanner } from '@/components/account/verify-email-banner';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { testClocksEnabled } from '@/lib/clock';
import { db } from '@/db';
import { countUnreadNotices } from '@/lib/notices/queries';
import { NoticesBell } from '@/components/shell/notices-bell';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { getLocale, getTranslations } from 'next-intl/server';
import { setLanguageAction } from '@/app/actions';
import { signOutAction } from '@/app/(auth)/actions';
import { resendVerificationAction } from '@/app/(account)/account/actions';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('customer');
  // Suspended or reclaimed: the console is limited to billing (lifecycle.md, Account).
  const limited = isBillingOnly(user.account.status);
  const unread = await countUnreadNotices(db, user.accountId);
  const [t, locale] = await Promise.all([getTranslations('shell'), getLocale()]);
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.account.name}
      userEmail={user.email}
      roleLabel={t('roles.customer', { currency: user.account.currency })}
      language={<LanguageSwitch current={locale} setLanguageAction={setLanguageAction} />}
      banner={
        // Nothing at all while there is nothing to say (an empty fragment would leave the banner gap).
        !user.emailVerified || user.account.status !== 'active' ? (
          <>
            {!user.emailVerified && <VerifyEmailBanner email={user.email} resendVerificationAction={resendVerificationAction} />}
            <AccountStatusBanner account={user.account} />
          </>
        ) : undefined
      }
      headerExtra={<NoticesBell unread={unread} />}
      nav={[
        { href: '/overview', label: t('nav.overview'), icon: ICONS.overview },
        { href: '/applications', label: t('nav.applications'), icon: ICONS.applications, disabled: limited },
        // Open while suspended: refunds are billing (app/(console)/packages/page.tsx).
        { href: '/packages', label: t('nav.packages'), icon: ICONS.packages, disabled: user.account.status === 'reclaimed' },
        { href: '/usage', label: t('nav.usage'), icon: ICONS.usage, disabled: limited },
        { href: '/bills', label: t('nav.bills'), icon: ICONS.bills },
        { href: '/calculator', label: t('nav.calculator'), icon: ICONS.calculator },
        { href: '/balance', label: t('nav.balance'), icon: ICONS.balance },
        { href: '/notices', label: t('nav.messages'), icon: ICONS.messages, badge: unread, badgeLabel: t('nav.unread', { count: unread }) },
        { href: '/settings/notifications', label: t('nav.notifications'), icon: ICONS.mail },
        { href: '/settings/webhooks', label: t('nav.webhooks'), icon: ICONS.webhooks },
      ]}
      secondaryNav={testClocksEnabled() ? { title: t('nav.development'), items: [{ href: '/dev', label: t('nav.developerTools'), icon: ICONS.developer }] } : undefined}
    >
      {children}
    </AppShell>
  );
}
