'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <p className="text-sm font-semibold text-rose-600">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Something went wrong on our side</h1>
      <p className="mt-3 max-w-md text-slate-600">It has been logged{error.digest ? ` (reference ${error.digest})` : ''}. Try again; if it keeps happening, contact support.</p>
      <button onClick={reset} className="mt-8 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
        Try again
      </button>
    </main>
  );
}
