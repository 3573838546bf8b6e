import { NextResponse, type NextRequest } from 'next/server';

/**
 * Sends visitors without a session cookie to sign-in; nothing more. It does not decode
 * or refresh the session: a refreshing proxy answers in-flight requests with a new
 * session cookie, which could bring a session back right after sign-out. Role and
 * ownership are checked in every page, action and route handler (lib/auth/guard.ts).
 */
const PUBLIC_PATHS = new Set(['/sign-in', '/sign-up', '/sign-up/check-email', '/forgot-password', '/reset-password', '/verify-email']);
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PATHS.has(pathname)) return NextResponse.next();
  if (req.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return NextResponse.next();
  const signIn = new URL('/sign-in', req.url);
  if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)'],
};
