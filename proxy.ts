import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';

/**
 * Two jobs, nothing more:
 * 1. Security headers on every page and route handler (issue 13 item 4): a per-request CSP
 *    nonce, also put on the request so Next.js adds it to its own scripts
 *    (nextjs.org/docs/app/guides/content-security-policy), framing refused, HSTS in production.
 * 2. Visitors without a session cookie go to sign-in. It does not decode or refresh the
 *    session: a refreshing proxy answers in-flight requests with a new session cookie, which
 *    could bring a session back right after sign-out. Role and ownership are checked in
 *    every page, action and route handler (lib/auth/guard.ts).
 */
const PUBLIC_PATHS = new Set(['/sign-in', '/sign-up']);
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(req: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, dev: process.env.NODE_ENV === 'development', production: process.env.APP_ENV === 'production' });
  const { pathname, search } = req.nextUrl;
  let res: NextResponse;
  if (pathname.startsWith('/api/') || PUBLIC_PATHS.has(pathname) || req.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) {
    const requestHeaders = new Headers(req.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
    res = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    const signIn = new URL('/sign-in', req.url);
    if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    res = NextResponse.redirect(signIn);
  }
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Everything but build assets and the two upload routes (their headers come from
  // next.config.js and the handler): with a proxy in front, Next buffers the whole request
  // body first and cuts it at 10 MB (proxyClientMaxBodySize), so a handler could neither
  // stop reading at its own limit (413) nor take a 20 MB import.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/v1/usage|usage/import).*)'],
};
