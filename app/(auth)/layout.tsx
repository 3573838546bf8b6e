import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { Logo } from '@/components/shell/logo';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { setLanguageAction } from '@/app/actions';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('auth.layout')]);
  return (
    <div className="flex min-h-full">
      {/* A landmark of its own, so no content sits outside one (axe region). */}
      <aside aria-label={t('asideLabel')} className="relative hidden w-[44%] flex-col justify-between bg-gradient-to-br from-indigo-700 via-indigo-600 to-sky-500 p-12 text-white lg:flex">
        <Logo inverted />
        <div>
          <h2 className="text-3xl font-semibold leading-tight">{t('headline')}</h2>
          <p className="mt-4 max-w-md text-indigo-100">
            {t('lead')}
          </p>
          <dl className="mt-10 grid max-w-md grid-cols-3 gap-6 text-sm">
            <div>
              <dt className="text-indigo-200">{t('rounding')}</dt>
              <dd className="mt-1 font-semibold">{t('roundingValue')}</dd>
            </div>
            <div>
              <dt className="text-indigo-200">{t('freeMinutes')}</dt>
              <dd className="mt-1 font-semibold">{t('freeMinutesValue')}</dd>
            </div>
            <div>
              <dt className="text-indigo-200">{t('refunds')}</dt>
              <dd className="mt-1 font-semibold">{t('refundsValue')}</dd>
            </div>
          </dl>
        </div>
        <p className="text-xs text-indigo-200">{t('source')}</p>
      </aside>
      <main className="relative flex flex-1 flex-col justify-center px-6 py-12 sm:px-12">
        <LanguageSwitch current={locale} setLanguageAction={setLanguageAction} className="absolute top-4 right-4 sm:right-6" />
        <div className="mx-auto w-full max-w-sm">
          <div className="mb-8 lg:hidden">
            <Logo />
          </div>
          {children}
        </div>
      </main>
    </div>
  );
}
