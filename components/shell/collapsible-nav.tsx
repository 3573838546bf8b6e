'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

/**
 * The sidebar's navigation on a phone (issue 14 item 8: at 390 px it filled the first screen):
 * below the lg breakpoint only the logo and a Menu button show; the button opens the
 * navigation in place (aria-expanded / aria-controls) and any navigation closes it again.
 * From lg up the navigation is always shown and the button is not there.
 */
export function CollapsibleNav({ logo, menuLabel, children }: { logo: ReactNode; menuLabel: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <div className="flex h-14 items-center justify-between px-5">
        {logo}
        <button
          type="button"
          className="inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 lg:hidden"
          aria-expanded={open}
          aria-controls="main-navigation"
          onClick={() => setOpen((o) => !o)}
          data-testid="menu-button"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.5}>
            {open ? <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" /> : <path d="M3 6h14M3 10h14M3 14h14" strokeLinecap="round" />}
          </svg>
          {menuLabel}
        </button>
      </div>
      <div id="main-navigation" className={cn(open ? 'flex' : 'hidden', 'min-h-0 flex-1 flex-col lg:flex')}>
        {children}
      </div>
    </>
  );
}
