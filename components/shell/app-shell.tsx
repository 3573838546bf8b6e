import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Logo } from './logo';
import { NavLinks, type NavItem } from './nav-links';
import { CollapsibleNav } from './collapsible-nav';

/** Sidebar + top bar frame shared by the customer, admin and developer consoles. */
export async function AppShell({
  nav,
  secondaryNav,
  userName,
  userEmail,
  roleLabel,
  banner,
  headerExtra,
  language,
  signOutAction,
  children,
}: {
  nav: NavItem[];
  secondaryNav?: { title: string; items: NavItem[] };
  userName: string;
  userEmail: string;
  roleLabel: string;
  banner?: ReactNode;
  /** Shown in the top bar before "Sign out" (the customer's unread notices). */
  headerExtra?: ReactNode;
  /** The language switch (components/shell/language-switch.tsx), given by the layout with its action. */
  language?: ReactNode;
  /** The sign-out server action (app/(auth)/actions.ts), handed down by the layout. */
  signOutAction: () => Promise<void>;
  children: ReactNode;
}) {
  const t = await getTranslations('shell');
  return (
    <div className="min-h-full lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow-lg focus:ring-2 focus:ring-indigo-600"
      >
        {t('skipToContent')}
      </a>
      <aside className="border-b border-slate-200 bg-white lg:fixed lg:inset-y-0 lg:flex lg:w-60 lg:flex-col lg:border-r lg:border-b-0">
        <CollapsibleNav logo={<Logo />} menuLabel={t('menu')}>
          <nav className="flex-1 overflow-y-auto px-3 pb-4" aria-label={t('mainNavigation')}>
            <NavLinks items={nav} disabledTitle={t('unavailableWhileSuspended')} />
            {secondaryNav && secondaryNav.items.length > 0 && (
              <div className="mt-6">
                <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{secondaryNav.title}</p>
                <NavLinks items={secondaryNav.items} disabledTitle={t('unavailableWhileSuspended')} />
              </div>
            )}
          </nav>
          <div className="border-t border-slate-200 p-4">
            <p className="truncate text-sm font-medium text-slate-900">{userName}</p>
            <p className="truncate text-xs text-slate-500">{userEmail}</p>
            <p className="mt-1 text-xs text-slate-500">{roleLabel}</p>
          </div>
        </CollapsibleNav>
      </aside>
      <div className="min-w-0 flex-1 lg:pl-60">
        <header className="sticky top-0 z-10 flex h-14 items-center justify-end gap-2 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:gap-4 sm:px-6">
          <span className="hidden min-w-0 truncate text-sm text-slate-600 sm:inline lg:hidden" title={userEmail}>
            {userEmail}
          </span>
          {language}
          {headerExtra}
          <Link href="/account/security" className="shrink-0 rounded-md px-2 py-1.5 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3">
            {t('accountSecurity')}
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="shrink-0 rounded-md px-2 py-1.5 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3">
              {t('signOut')}
            </button>
          </form>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
          {banner && <div className="mb-6 space-y-3">{banner}</div>}
          {children}
        </main>
      </div>
    </div>
  );
}
