import { verifyEmailAction } from '@/app/(auth)/actions';
import { VerifyEmailForm } from '@/components/auth/verify-email-form';

export const metadata = { title: 'Confirm your email address' };

/**
 * The emailed confirmation link lands here; confirming takes a click (a POST), so a mail
 * scanner that fetches links does not use the one-time token up.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Confirm your email address</h1>
      <p className="mt-2 text-sm text-slate-600">One click and the account can buy packages.</p>
      <div className="mt-8">
        <VerifyEmailForm token={token ?? ''} verifyEmailAction={verifyEmailAction} />
      </div>
    </>
  );
}
