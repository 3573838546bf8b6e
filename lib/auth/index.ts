import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { users } from '@/db/schema';
import { authConfig } from './config';
import { dummyPasswordHash, verifyPassword } from './password';
import { isSignInRateLimited, recordSignInAttempt } from './rate-limit';

export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1) });

export function clientAddress(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || 'unknown';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = clientAddress(request.headers);
        if (await isSignInRateLimited(db, email, address)) throw new RateLimitedSignIn();
        const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
        const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
        await recordSignInAttempt(db, email, address, ok && !!user);
        if (!ok || !user) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
});
