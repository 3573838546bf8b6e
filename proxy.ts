import NextAuth from 'next-auth';
import type { NextFetchEvent, NextRequest } from 'next/server';
import { authConfig } from '@/lib/auth/config';

/**
 * Redirects signed-out visitors to sign-in; nothing more. Role and ownership are
 * checked in every page, action and route handler (lib/auth/guard.ts).
 */
const { auth } = NextAuth(authConfig);
const redirectSignedOut = auth as unknown as (req: NextRequest, event: NextFetchEvent) => Promise<Response | undefined>;

export function proxy(req: NextRequest, event: NextFetchEvent) {
  return redirectSignedOut(req, event);
}

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)'],
};
