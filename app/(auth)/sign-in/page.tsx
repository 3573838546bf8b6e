import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/guard';
import { signInAction } from '@/app/(auth)/actions';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Banner } from '@/components/ui/banner';

export async function generateMetadata() {
  const t = await getTranslations('auth.signIn');
  return { title: t('metaTitle') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string; verified?: string }> }) {
  if (await getCurrentUser()) redirect('/');
  const { callbackUrl, reset, verified } = await searchParams;
  const t = await getTranslations('auth.signIn');
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {t.rich('newHere', {
          link: (chunks) => (
            <Link href="/sign-up" className="font-semibold text-indigo-600 hover:text-indigo-500">
              {chunks}
            </Link>
          ),
        })}
      </p>
      {reset === '1' && (
        <div className="mt-6">
          <Banner tone="success" title={t('resetTitle')}>
            {t('resetBody')}
          </Banner>
        </div>
      )}
      {verified === '1' && (
        <div className="mt-6">
          <Banner tone="success" title={t('verifiedTitle')}>
            {t('verifiedBody')}
          </Banner>
        </div>
      )}
      <div className="mt-8">
        <SignInForm signInAction={signInAction} callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
          {t('forgot')}
        </Link>
      </p>
    </>
  );
}
