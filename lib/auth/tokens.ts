import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { authTokens, type AuthTokenPurpose } from '@/db/schema';

/**
 * One-time emailed links (issue 13 items 6 and 7): 32 random bytes in the link, only their
 * SHA-256 in the database, single use (a conditional UPDATE takes it), expiring. Issuing
 * a new one retires the user's earlier unused ones of that purpose.
 */
export const TOKEN_TTL_MS: Record<AuthTokenPurpose, number> = {
  'password-reset': 30 * 60 * 1000,
  'email-verification': 48 * 60 * 60 * 1000,
  // An admin's invitation of a new account's owner (issue 12 item 1): a week to accept.
  invitation: 7 * 24 * 60 * 60 * 1000,
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function issueAuthToken(db: DbOrTx, input: { userId: string; purpose: AuthTokenPurpose; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, input.userId), eq(authTokens.purpose, input.purpose), isNull(authTokens.usedAt)));
  const token = randomBytes(32).toString('base64url');
  await db.insert(authTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[input.purpose]),
  });
  return token;
}

function usable(token: string, purpose: AuthTokenPurpose, now: Date) {
  return and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now));
}

/** The user a still-usable token belongs to, without using it (to show the reset form). */
export async function peekAuthToken(db: DbOrTx, input: { token: string; purpose: AuthTokenPurpose; now?: Date }): Promise<string | null> {
  if (!isTokenShaped(input.token)) return null;
  const [row] = await db
    .select({ userId: authTokens.userId })
    .from(authTokens)
    .where(usable(input.token, input.purpose, input.now ?? new Date()))
    .limit(1);
  return row?.userId ?? null;
}

/** Uses the token: the user id the first time, null ever after (or when expired or unknown). */
export async function consumeAuthToken(db: DbOrTx, input: { token: string; purpose: AuthTokenPurpose; now?: Date }): Promise<string | null> {
  if (!isTokenShaped(input.token)) return null;
  const now = input.now ?? new Date();
  const [row] = await db.update(authTokens).set({ usedAt: now }).where(usable(input.token, input.purpose, now)).returning({ userId: authTokens.userId });
  return row?.userId ?? null;
}

function isTokenShaped(token: string): boolean {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
