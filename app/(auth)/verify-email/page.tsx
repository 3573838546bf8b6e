import { getTranslations } from 'next-intl/server';
import { verifyEmailAction } from '@/app/(auth)/actions';
import { VerifyEmailForm } from '@/components/auth/verify-email-form';

export async function generateMetadata() {
  const t = await getTranslations('auth.verifyEmail');
  return { title: t('metaTitle') };
}

/**
 * The emailed confirmation link lands here; confirming takes a click (a POST), so a mail
 * scanner that fetches links does not use the one-time token up.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations('auth.verifyEmail');
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('lead')}</p>
      <div className="mt-8">
        <VerifyEmailForm token={token ?? ''} verifyEmailAction={verifyEmailAction} />
      </div>
    </>
  );
}
