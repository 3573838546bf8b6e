import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { db } from '@/db';
import { resetTokenIsUsable } from '@/lib/auth/account-security';
import { resetPasswordAction } from '@/app/(auth)/actions';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';

export async function generateMetadata() {
  const t = await getTranslations('auth.resetPassword');
  return { title: t('metaTitle') };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations('auth.resetPassword');
  const usable = typeof token === 'string' && (await resetTokenIsUsable(db, token));
  if (!usable) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">{t('unusableTitle')}</h1>
        <p className="mt-4 text-sm text-slate-600">{t('unusableBody')}</p>
        <p className="mt-8">
          <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
            {t('askAgain')}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('lead')}</p>
      <div className="mt-8">
        <ResetPasswordForm token={token} resetPasswordAction={resetPasswordAction} />
      </div>
    </>
  );
}
