import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/guard';
import { signUpAction } from '@/app/(auth)/actions';
import { SignUpForm } from '@/components/auth/sign-up-form';

export const metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect('/');
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
      <p className="mt-2 text-sm text-slate-600">
        Already have one?{' '}
        <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>
      </p>
      <div className="mt-8">
        <SignUpForm signUpAction={signUpAction} />
      </div>
    </>
  );
}
