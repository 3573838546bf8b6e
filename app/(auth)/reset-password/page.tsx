import Link from 'next/link';
import { db } from '@/db';
import { resetTokenIsUsable } from '@/lib/auth/account-security';
import { resetPasswordAction } from '@/app/(auth)/actions';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';

export const metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const usable = typeof token === 'string' && (await resetTokenIsUsable(db, token));
  if (!usable) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
        <p className="mt-4 text-sm text-slate-600">Reset links work once, for 30 minutes. This one has expired, was already used, or is incomplete.</p>
        <p className="mt-8">
          <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Ask for a new link
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      <p className="mt-2 text-sm text-slate-600">Every device signed in to this account will be signed out.</p>
      <div className="mt-8">
        <ResetPasswordForm token={token} resetPasswordAction={resetPasswordAction} />
      </div>
    </>
  );
}
