import { randomBytes } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { usageKeys } from '@/db/schema';
import type { UsageKeyRow } from '@/db/queries/applications';
import { accountNow } from '@/lib/clock';
import { AppError, fieldError } from '@/lib/errors';
import { lockAccount } from '@/lib/ledger/service';
import { transact } from '@/lib/ledger/transaction';
import { writeAudit } from '@/lib/audit/service';
import { generateSecretKey } from './secret-key';

/**
 * Account usage keys (issue 11; docs/usage-api.md "Signing with an account usage key"): a
 * key signs usage API batches whose records may name any application of its account. The
 * secret is generated and hashed as an application's secret key (secret-key.ts): shown
 * once, only its SHA-256 kept, and that digest keys the HMAC. Created, named and revoked by
 * the customer; every change is audited. Revoked keys stay listed (and sign nothing).
 */
export const MAX_ACTIVE_USAGE_KEYS = 5;

/** A new usage key id: `uk_` and 16 random bytes (base64url; USAGE_KEY_ID_PATTERN of schemas.ts). */
export function generateUsageKeyId(): string {
  return `uk_${randomBytes(16).toString('base64url')}`;
}

type Actor = { accountId: string; userId: string | null };

export async function createUsageKey(db: Database, actor: Actor, input: { name: string }): Promise<{ key: UsageKeyRow; secretKey: string }> {
  return transact(db, async (tx) => {
    // The account row lock serialises concurrent creations, so the cap holds.
    await lockAccount(tx, actor.accountId);
    const now = await accountNow(tx, actor.accountId);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(usageKeys).where(and(eq(usageKeys.accountId, actor.accountId), isNull(usageKeys.revokedAt)));
    if (n >= MAX_ACTIVE_USAGE_KEYS) throw fieldError('name', `An account can have at most ${MAX_ACTIVE_USAGE_KEYS} active usage keys; revoke one you no longer use first.`);
    const secret = generateSecretKey();
    const [row] = await tx
      .insert(usageKeys)
      .values({ id: generateUsageKeyId(), accountId: actor.accountId, name: input.name, secretKeyHash: secret.hash, secretKeyHint: secret.hint, createdAt: now })
      .returning();
    if (!row) throw new Error('usage key insert returned no row');
    await writeAudit(tx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      actorRole: 'customer',
      action: 'usage_key.created',
      targetType: 'usage_key',
      targetId: row.id,
      details: { name: row.name, hint: row.secretKeyHint },
      at: now,
    });
    const { secretKeyHash: _hash, ...key } = row;
    return { key, secretKey: secret.secretKey };
  });
}

/**
 * Revoke a key: from now on it signs nothing (the usage API answers 401 as for a wrong
 * signature). Another account's key answers NOT_FOUND like a missing one; revoking a
 * revoked key changes nothing (the state is in the WHERE).
 */
export async function revokeUsageKey(db: Database, actor: Actor, keyId: string): Promise<{ key: UsageKeyRow; changed: boolean }> {
  return transact(db, async (tx) => {
    const [own] = await tx
      .select()
      .from(usageKeys)
      .where(and(eq(usageKeys.accountId, actor.accountId), eq(usageKeys.id, keyId)))
      .for('update');
    if (!own) throw new AppError('NOT_FOUND', 'Usage key not found.');
    const { secretKeyHash: _hash, ...key } = own;
    if (own.revokedAt) return { key, changed: false };
    const now = await accountNow(tx, actor.accountId);
    const [row] = await tx
      .update(usageKeys)
      .set({ revokedAt: now })
      .where(and(eq(usageKeys.accountId, actor.accountId), eq(usageKeys.id, keyId), isNull(usageKeys.revokedAt)))
      .returning();
    if (!row) return { key, changed: false };
    await writeAudit(tx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      actorRole: 'customer',
      action: 'usage_key.revoked',
      targetType: 'usage_key',
      targetId: keyId,
      details: { name: row.name, hint: row.secretKeyHint },
      at: now,
    });
    return { key: { ...key, revokedAt: row.revokedAt }, changed: true };
  });
}
