import { and, count, eq, gt, max } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { authRequests, signInAttempts } from '@/db/schema';
import { decideSignIn, KNOWN_ADDRESS_MS, MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MS, type ThrottleDecision, type ThrottleFacts } from './throttle-rules';

export { MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MS };

/** Real time on purpose: rate limiting protects the server, it is not a billing rule. */
export async function signInThrottleFacts(db: DbOrTx, email: string, address: string, now = new Date()): Promise<ThrottleFacts> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const pairKey = and(eq(signInAttempts.email, email), eq(signInAttempts.address, address));
  const [success] = await db
    .select({ last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(pairKey, eq(signInAttempts.succeeded, true), gt(signInAttempts.at, new Date(now.getTime() - KNOWN_ADDRESS_MS))));
  const lastSuccess = success?.last ? new Date(success.last) : null;
  const pairSince = lastSuccess && lastSuccess > since ? lastSuccess : since;
  const failures = (where: ReturnType<typeof and>) =>
    db
      .select({ n: count(), last: max(signInAttempts.at) })
      .from(signInAttempts)
      .where(and(where, eq(signInAttempts.succeeded, false)))
      .then((r) => ({ n: r[0]?.n ?? 0, last: r[0]?.last ? new Date(r[0].last) : null }));
  const [pair, byAddress, byEmail] = await Promise.all([
    failures(and(pairKey, gt(signInAttempts.at, pairSince))),
    failures(and(eq(signInAttempts.address, address), gt(signInAttempts.at, since))),
    failures(and(eq(signInAttempts.email, email), gt(signInAttempts.at, since))),
  ]);
  return {
    pairFailures: pair.n,
    lastPairFailureAt: pair.last,
    addressFailures: byAddress.n,
    lastAddressFailureAt: byAddress.last,
    emailFailures: byEmail.n,
    lastEmailFailureAt: byEmail.last,
    knownAddress: lastSuccess !== null,
  };
}

export async function checkSignIn(db: DbOrTx, email: string, address: string, now = new Date()): Promise<ThrottleDecision> {
  return decideSignIn(await signInThrottleFacts(db, email, address, now), now);
}

export async function recordSignInAttempt(db: DbOrTx, email: string, address: string, succeeded: boolean, now = new Date()): Promise<void> {
  await db.insert(signInAttempts).values({ email, address, succeeded, at: now });
}

/**
 * Requests without a session, counted per address (sign-ups) or per email (reset mails):
 * true when this one is within the limit, and then it is recorded.
 */
export async function takeRequestSlot(
  db: DbOrTx,
  input: { kind: string; address: string; email?: string; limit: number; windowMs: number; by: 'address' | 'email'; now?: Date },
): Promise<boolean> {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - input.windowMs);
  const key = input.by === 'address' ? eq(authRequests.address, input.address) : eq(authRequests.email, input.email ?? '');
  const [row] = await db
    .select({ n: count() })
    .from(authRequests)
    .where(and(eq(authRequests.kind, input.kind), key, gt(authRequests.at, since)));
  if ((row?.n ?? 0) >= input.limit) return false;
  await db.insert(authRequests).values({ kind: input.kind, address: input.address, email: input.email ?? '', at: now });
  return true;
}
