'use client';

import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { IntentLink } from '@/components/ui/intent-link';

export type NavItem = { href: string; label: string; icon: string; disabled?: boolean; badge?: number; badgeLabel?: string };

/** Sidebar links; the current section is highlighted. Prefetched on intent, not on sight (IntentLink). */
export function NavLinks({ items, disabledTitle }: { items: NavItem[]; disabledTitle: string }) {
  const pathname = usePathname();
  const matches = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  // The most specific matching link is current (/dev/mail, not also /dev).
  const current = items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="space-y-0.5">
      {items.map((item) => {
        const active = item.href === current;
        if (item.disabled) {
          return (
            <li key={item.href}>
              <span className="flex cursor-not-allowed items-center gap-3 rounded-md px-3 py-2 text-sm text-slate-500" aria-disabled="true" title={disabledTitle}>
                <NavIcon d={item.icon} />
                {item.label}
              </span>
            </li>
          );
        }
        return (
          <li key={item.href}>
            <IntentLink
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors',
                active ? 'bg-indigo-50 text-indigo-700' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
              )}
            >
              <NavIcon d={item.icon} />
              {item.label}
              {item.badge ? (
                <span className="ml-auto rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white" aria-label={item.badgeLabel}>
                  {item.badge > 99 ? '99+' : item.badge}
                </span>
              ) : null}
            </IntentLink>
          </li>
        );
      })}
    </ul>
  );
}

function NavIcon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      <path d={d} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
