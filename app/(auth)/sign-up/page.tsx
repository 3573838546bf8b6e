import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/guard';
import { signUpAction } from '@/app/(auth)/actions';
import { SignUpForm } from '@/components/auth/sign-up-form';

export async function generateMetadata() {
  const t = await getTranslations('auth.signUp');
  return { title: t('metaTitle') };
}

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect('/');
  const t = await getTranslations('auth.signUp');
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {t.rich('haveOne', {
          link: (chunks) => (
            <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
              {chunks}
            </Link>
          ),
        })}
      </p>
      <div className="mt-8">
        <SignUpForm signUpAction={signUpAction} />
      </div>
    </>
  );
}
