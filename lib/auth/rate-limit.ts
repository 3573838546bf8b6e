import { and, count, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { signInAttempts } from '@/db/schema';

/** Failed sign-ins allowed in the window, per email and per client address. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Real time on purpose: rate limiting protects the server, it is not a billing rule. */
export async function isSignInRateLimited(db: DbOrTx, email: string, address: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byEmail] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)));
  if ((byEmail?.n ?? 0) >= MAX_FAILURES_PER_EMAIL) return true;
  const [byAddress] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.address, address), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)));
  return (byAddress?.n ?? 0) >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordSignInAttempt(db: DbOrTx, email: string, address: string, succeeded: boolean): Promise<void> {
  await db.insert(signInAttempts).values({ email, address, succeeded });
}
