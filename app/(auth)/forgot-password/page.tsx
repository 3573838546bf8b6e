import Link from 'next/link';
import { forgotPasswordAction } from '@/app/(auth)/actions';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';

export const metadata = { title: 'Forgot your password' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
      <p className="mt-2 text-sm text-slate-600">Give the address you sign in with; we email it a link to choose a new password.</p>
      <div className="mt-8">
        <ForgotPasswordForm forgotPasswordAction={forgotPasswordAction} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        Remembered it?{' '}
        <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>
      </p>
    </>
  );
}
