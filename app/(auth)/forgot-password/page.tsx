import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { forgotPasswordAction } from '@/app/(auth)/actions';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';

export async function generateMetadata() {
  const t = await getTranslations('auth.forgotPassword');
  return { title: t('metaTitle') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth.forgotPassword');
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('lead')}</p>
      <div className="mt-8">
        <ForgotPasswordForm forgotPasswordAction={forgotPasswordAction} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        {t.rich('remembered', {
          link: (chunks) => (
            <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </>
  );
}
