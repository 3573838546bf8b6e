import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/guard';
import { signInAction } from '@/app/(auth)/actions';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Banner } from '@/components/ui/banner';

export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string; verified?: string }> }) {
  if (await getCurrentUser()) redirect('/');
  const { callbackUrl, reset, verified } = await searchParams;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to your console</h1>
      <p className="mt-2 text-sm text-slate-600">
        New here?{' '}
        <Link href="/sign-up" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Create an account
        </Link>
      </p>
      {reset === '1' && (
        <div className="mt-6">
          <Banner tone="success" title="Password changed">
            Sign in with your new password. Every device that was signed in has been signed out.
          </Banner>
        </div>
      )}
      {verified === '1' && (
        <div className="mt-6">
          <Banner tone="success" title="Email address confirmed">
            Sign in to continue; the account can now buy packages.
          </Banner>
        </div>
      )}
      <div className="mt-8">
        <SignInForm signInAction={signInAction} callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        <Link href="/forgot-password" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Forgot your password?
        </Link>
      </p>
    </>
  );
}
