import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { AccountStatusBanner } from '@/components/shell/account-status-banner';
import { VerifyEmailBanner } from '@/components/account/verify-email-banner';
import { ICONS } from '@/components/shell/icons';
import { requirePageUser } from '@/lib/auth/guard';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { testClocksEnabled } from '@/lib/clock';
import { db } from '@/db';
import { countUnreadNotices } from '@/db/queries/notices';
import { NoticesBell } from '@/components/shell/notices-bell';
import { signOutAction } from '@/app/(auth)/actions';
import { resendVerificationAction } from '@/app/(account)/account/actions';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('customer');
  // Suspended or reclaimed: the console is limited to billing (lifecycle.md, Account).
  const limited = isBillingOnly(user.account.status);
  const unread = await countUnreadNotices(db, user.accountId);
  return (
    <AppShell
      signOutAction={signOutAction}
      userName={user.account.name}
      userEmail={user.email}
      roleLabel={`Customer · ${user.account.currency}`}
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
        { href: '/overview', label: 'Overview', icon: ICONS.overview },
        { href: '/applications', label: 'Applications', icon: ICONS.applications, disabled: limited },
        // Open while suspended: refunds are billing (app/(console)/packages/page.tsx).
        { href: '/packages', label: 'Packages', icon: ICONS.packages, disabled: user.account.status === 'reclaimed' },
        { href: '/usage', label: 'Usage', icon: ICONS.usage, disabled: limited },
        { href: '/bills', label: 'Bills', icon: ICONS.bills },
        { href: '/calculator', label: 'Calculator', icon: ICONS.calculator },
        { href: '/balance', label: 'Balance', icon: ICONS.balance },
        { href: '/notices', label: 'Messages', icon: ICONS.messages, badge: unread, badgeLabel: `${unread} unread` },
        { href: '/settings/notifications', label: 'Notifications', icon: ICONS.mail },
        { href: '/settings/webhooks', label: 'Webhooks', icon: ICONS.webhooks },
      ]}
      secondaryNav={testClocksEnabled() ? { title: 'Development', items: [{ href: '/dev', label: 'Developer tools', icon: ICONS.developer }] } : undefined}
    >
      {children}
    </AppShell>
  );
}
