import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function Forbidden() {
  const t = await getTranslations('account.pages');
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">{t('forbiddenTitle')}</h1>
      <p className="mt-3 max-w-md text-slate-600">{t('forbiddenBody')}</p>
      <Link href="/" className="mt-8 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
        {t('backHome')}
      </Link>
    </main>
  );
}
