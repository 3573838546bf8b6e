import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { users } from '@/db/schema';
import { authConfig } from './config';
import { clientAddressFrom } from './client-address';
import { dummyPasswordHash, verifyPassword } from './password';
import { checkSignIn, recordSignInAttempt } from './rate-limit';
import { createSession } from './sessions';
import { alertOwnerIfLockedOut } from './security-alerts';
import { isDatabaseUnavailable } from '@/db/availability';
import { requestLog } from '@/lib/request-log';

export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1) });

/**
 * Auth.js's own log lines go to the house logger with the request id (lib/request-log.ts):
 * a refused sign-in (wrong password, rate limit) is expected (info), an outage a warning,
 * anything else an error with its stack. Without this Auth.js prints to the console.
 */
const authLogger = {
  error(error: Error) {
    void requestLog({ route: 'auth' }).then((logger) => {
      const cause = (error as { cause?: { err?: unknown } }).cause?.err ?? error.cause;
      if (error instanceof CredentialsSignin || error.name === 'CredentialsSignin') logger.info({ code: (error as CredentialsSignin).code }, 'auth: sign-in refused');
      else if (isDatabaseUnavailable(error) || isDatabaseUnavailable(cause)) logger.warn({ err: error }, 'auth: database unavailable');
      else logger.error({ err: error, cause }, 'auth: error');
    });
  },
  warn(code: string) {
    void requestLog({ route: 'auth' }).then((logger) => logger.warn({ code }, 'auth: warning'));
  },
  debug() {},
};

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        // The socket address stamped by scripts/next-server.ts, never X-Forwarded-For (issue 13 item 2).
        const address = clientAddressFrom(request.headers);
        const decision = await checkSignIn(db, email, address);
        if (!decision.allowed) {
          if (decision.reason === 'email') await alertOwnerIfLockedOut(db, email);
          throw new RateLimitedSignIn();
        }
        const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
        const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
        await recordSignInAttempt(db, email, address, ok && !!user);
        if (!ok || !user) {
          // The failure that reaches the per-email ceiling trips it: tell the owner (issue 13 item 3).
          if (user) await alertOwnerIfLockedOut(db, email);
          return null;
        }
        const sessionId = await createSession(db, { userId: user.id, address, userAgent: request.headers.get('user-agent') ?? '' });
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId };
      },
    }),
  ],
});
