import type { NextAuthConfig } from 'next-auth';

/**
 * Auth.js configuration without providers: pages and the session's shape (user id and
 * role in the JWT). The real checks are in every action, route handler and page
 * (lib/auth/guard.ts); the role there is read from the database, not from the token.
 */
export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
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
