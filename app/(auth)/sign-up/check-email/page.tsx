import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  const t = await getTranslations('auth.checkEmail');
  return { title: t('metaTitle') };
}

/** The one answer to every accepted sign-up, new address or taken (issue 13 item 7). */
export default async function CheckEmailPage() {
  const t = await getTranslations('auth.checkEmail');
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-4 text-sm text-slate-600">{t('sent')}</p>
      <p className="mt-4 text-sm text-slate-600">{t('nothing')}</p>
      <p className="mt-8">
        <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
          {t('toSignIn')}
        </Link>
      </p>
    </>
  );
}
