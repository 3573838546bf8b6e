'use client';

import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { columnsCookie } from '@/lib/table-params';

/**
 * Column choice for a DataTable (issue 14 item 5): a disclosure with one checkbox per column,
 * operable by keyboard (Tab, Space, Escape closes). Hiding is a CSS rule on the wrapper
 * (`data-hide="c1 c3"` hides cells with `data-ci="1"`/`"3"`, app/globals.css), so the server-rendered
 * rows, sort links and paging stay as they are; the choice is remembered per table in a cookie.
 */
export function ColumnRegion({
  tableId,
  columns,
  initialHidden,
  inset = false,
  defaultOpen = false,
  children,
}: {
  tableId: string;
  columns: { key: string; label: ReactNode }[];
  initialHidden: string[];
  /** Inside a Card: the menu keeps the card's padding. */
  inset?: boolean;
  defaultOpen?: boolean;
  children: ReactNode;
}) {
  const [hidden, setHidden] = useState(() => new Set(initialHidden.filter((k) => columns.some((c) => c.key === k))));
  const details = useRef<HTMLDetailsElement>(null);
  // The checkboxes exist only while the menu is open: closed, the page holds no second control
  // labelled like a column (a form's "Amount" field stays the only "Amount").
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const t = useTranslations('ui.columns');
  const toggle = (key: string) => {
    const next = new Set(hidden);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setHidden(next);
    document.cookie = `${columnsCookie(tableId)}=${encodeURIComponent([...next].join(','))}; path=/; max-age=31536000; samesite=lax`;
  };
  const dataHide = columns.flatMap((c, i) => (hidden.has(c.key) ? [`c${i}`] : [])).join(' ');
  return (
    <div data-hide={dataHide || undefined} data-table-id={tableId}>
      <details
        ref={details}
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
        className={inset ? 'mb-2 px-4 pt-1 text-sm' : 'mb-2 text-sm'}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            setOpen(false);
            details.current?.querySelector('summary')?.focus();
          }
        }}
      >
        <summary
          className="ml-auto w-fit cursor-pointer list-none rounded-md bg-white px-2.5 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 [&::-webkit-details-marker]:hidden"
          data-testid="columns-menu"
        >
          {hidden.size > 0 ? t('menuHidden', { count: hidden.size }) : t('menu')} <span aria-hidden="true">▾</span>
        </summary>
        {open && (
          <fieldset className="mt-2 flex flex-wrap justify-end gap-x-4 gap-y-1 rounded-md bg-white px-3 py-2 ring-1 ring-slate-200">
            <legend className="sr-only">{t('legend')}</legend>
            {columns.map((c) => {
              const shown = !hidden.has(c.key);
              const last = shown && columns.length - hidden.size === 1;
              return (
                <label key={c.key} className="inline-flex items-center gap-1.5 text-slate-700">
                  <input type="checkbox" id={`${id}-${c.key}`} checked={shown} disabled={last} onChange={() => toggle(c.key)} data-column={c.key} className="accent-indigo-600" />
                  {c.label}
                </label>
              );
            })}
          </fieldset>
        )}
      </details>
      {children}
    </div>
  );
}
