import type { ReactNode } from 'react';
import { getLocale } from 'next-intl/server';
import { Logo } from '@/components/shell/logo';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { setLanguageAction } from '@/app/actions';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <div className="flex min-h-full">
      {/* A landmark of its own, so no content sits outside one (axe region). */}
      <aside aria-label="About the console" className="relative hidden w-[44%] flex-col justify-between bg-gradient-to-br from-indigo-700 via-indigo-600 to-sky-500 p-12 text-white lg:flex">
        <Logo inverted />
        <div>
          <h2 className="text-3xl font-semibold leading-tight">Every minute of audio and video, priced exactly.</h2>
          <p className="mt-4 max-w-md text-indigo-100">
            Applications, packages with auto-renewal, daily bills that explain every line, and the balance behind them — following TRTC&apos;s published billing rules.
          </p>
          <dl className="mt-10 grid max-w-md grid-cols-3 gap-6 text-sm">
            <div>
              <dt className="text-indigo-200">Rounding</dt>
              <dd className="mt-1 font-semibold">per app, per day</dd>
            </div>
            <div>
              <dt className="text-indigo-200">Free minutes</dt>
              <dd className="mt-1 font-semibold">10,000 / month</dd>
            </div>
            <div>
              <dt className="text-indigo-200">Refunds</dt>
              <dd className="mt-1 font-semibold">within 5 days</dd>
            </div>
          </dl>
        </div>
        <p className="text-xs text-indigo-200">Billing rules modelled on Tencent Cloud TRTC purchase guides (2022, 2024).</p>
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
