'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { INTL_LOCALE, LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/config';
import { cn } from '@/components/ui/cn';

/**
 * English | 中文 on every page (issue 14 item 4). A form, so it works before JavaScript
 * loads; each name is written in its own language, as people look for their own.
 */
export function LanguageSwitch({ current, setLanguageAction, className }: { current: Locale; setLanguageAction: FormAction<null>; className?: string }) {
  const t = useTranslations('shell.language');
  const [state, formAction, pending] = useActionState(setLanguageAction, null);
  return (
    <form action={formAction} className={cn('flex items-center', className)} data-testid="language-switch">
      <fieldset className="flex items-center rounded-md ring-1 ring-inset ring-slate-300" aria-busy={pending}>
        <legend className="sr-only">{t('label')}</legend>
        {LOCALES.map((locale) => {
          const active = locale === current;
          return (
            <button
              key={locale}
              type="submit"
              name="locale"
              value={locale}
              lang={INTL_LOCALE[locale]}
              aria-pressed={active}
              aria-label={active ? LOCALE_NAMES[locale] : t('switchTo', { language: LOCALE_NAMES[locale] })}
              disabled={pending}
              className={cn(
                'px-2 py-1 text-xs font-medium whitespace-nowrap first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
                active ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-100',
              )}
            >
              {LOCALE_NAMES[locale]}
            </button>
          );
        })}
      </fieldset>
      <span className="sr-only" role="status" aria-live="polite">
        {pending ? t('saving') : state && !state.ok ? t('failed') : ''}
      </span>
    </form>
  );
}
