'use client';

import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';

const RETRY_SECONDS = 5;

/**
 * Errors of a page. The database briefly unreachable (digest SERVICE_UNAVAILABLE, from
 * db/availability.ts; the server answers 503 with Retry-After) is said plainly and the page
 * retries by itself; anything else is the generic message with its reference. Never internals.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('account.pages');
  const unavailable = error.digest === 'SERVICE_UNAVAILABLE';
  const router = useRouter();
  const [seconds, setSeconds] = useState(RETRY_SECONDS);

  useEffect(() => {
    if (!unavailable) return;
    const timer = setInterval(() => {
      setSeconds((s) => {
        if (s > 1) return s - 1;
        router.refresh();
        reset();
        return RETRY_SECONDS;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [unavailable, router, reset]);

  if (unavailable) {
    return (
      <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center" data-testid="service-unavailable">
        <p className="text-sm font-semibold text-amber-700">{t('unavailableEyebrow')}</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{t('unavailableTitle')}</h1>
        <p className="mt-3 max-w-md text-slate-600">{t('unavailableBody', { seconds })}</p>
        <button onClick={() => { router.refresh(); reset(); }} className="mt-8 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          {t('tryAgainNow')}
        </button>
      </main>
    );
  }
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <p className="text-sm font-semibold text-rose-700">{t('errorEyebrow')}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{t('errorTitle')}</h1>
      <p className="mt-3 max-w-md text-slate-600">{error.digest ? t('errorBodyRef', { reference: error.digest }) : t('errorBody')}</p>
      <div className="mt-8 flex flex-wrap items-center justify-center gap-3">
        <button onClick={reset} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          {t('tryAgain')}
        </button>
        {/* A way back that does not depend on the failed page (issue 14 item 8): a full load of home. */}
        <a href="/" className="rounded-md px-4 py-2 text-sm font-semibold text-indigo-700 ring-1 ring-slate-300 hover:bg-slate-50" data-testid="error-home">
          {t('backHome')}
        </a>
      </div>
    </main>
  );
}
