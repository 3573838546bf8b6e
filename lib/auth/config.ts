import type { NextAuthConfig } from 'next-auth';

/**
 * Edge-safe part of the Auth.js configuration (no database, no node:crypto): pages,
 * session shape and the proxy's redirect rule. The proxy only redirects; the real
 * checks are in every action, route handler and page (lib/auth/guard.ts).
 */
export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      const isPublic = path === '/sign-in' || path === '/sign-up' || path.startsWith('/api/');
      if (isPublic) return true;
      return !!auth?.user;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id as string;
        token.role = (user as { role?: 'customer' | 'admin' }).role ?? 'customer';
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) {
        session.user.id = token.uid as string;
        session.user.role = token.role as 'customer' | 'admin';
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
