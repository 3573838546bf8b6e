import type { NextAuthConfig } from 'next-auth';
import { safeRedirectPath } from './safe-redirect';

/** JWT lifetime; the server-side session row (lib/auth/sessions.ts) idles out after the same time. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/**
 * Auth.js configuration without providers: pages and the session's shape (user id, role
 * and the server-side session id in the JWT). The real checks are in every action, route
 * handler and page (lib/auth/guard.ts): the role is read from the database and the
 * session row must still be open, not only the token valid.
 */
export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id as string;
        token.role = (user as { role?: 'customer' | 'admin' }).role ?? 'customer';
        token.sid = (user as { sessionId?: string }).sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) {
        session.user.id = token.uid as string;
        session.user.role = token.role as 'customer' | 'admin';
        session.sessionId = typeof token.sid === 'string' ? token.sid : '';
      }
      return session;
    },
    // Auth.js' own callbackUrl (POST /api/auth/callback/credentials): the same rule as the
    // sign-in form (issue 13 item 1), never a foreign or protocol-relative target.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
    },
  },
} satisfies NextAuthConfig;
