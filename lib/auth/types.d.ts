import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: 'customer' | 'admin' } & DefaultSession['user'];
    /** The server-side session row (lib/auth/sessions.ts); empty for a token from before sessions existed. */
    sessionId: string;
  }
  interface User {
    role?: 'customer' | 'admin';
    sessionId?: string;
  }
}
