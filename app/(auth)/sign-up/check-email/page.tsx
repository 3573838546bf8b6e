import Link from 'next/link';

export const metadata = { title: 'Check your inbox' };

/** The one answer to every accepted sign-up, new address or taken (issue 13 item 7). */
export default function CheckEmailPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Check your inbox</h1>
      <p className="mt-4 text-sm text-slate-600">
        We sent a message to the address you gave. Open the link in it to confirm the address; then sign in. Until the address is confirmed the account can look around but cannot buy packages.
      </p>
      <p className="mt-4 text-sm text-slate-600">Nothing arrived after a few minutes? Check the spam folder, or sign in and send the link again from the overview.</p>
      <p className="mt-8">
        <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Go to sign-in
        </Link>
      </p>
    </>
  );
}
