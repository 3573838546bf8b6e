import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { formatLocalDateTime } from '@/lib/time/format';
import { differingParams, fingerprintOf, listLabels, type IdempotentParams } from './fingerprint';

export type IdempotencyClaim = 'new' | 'replay';

/**
 * Claim an idempotency key for an action with its parameters, in the caller's transaction
 * (under the account lock): the first use stores a fingerprint of the parameters; the same
 * parameters again are a replay (the caller answers with its first result); other
 * parameters are refused with IDEMPOTENCY_KEY_REUSED naming what differs, and nothing
 * changes. A key whose operation rolled back was never claimed.
 */
export async function claimIdempotencyKey(
  tx: Transaction,
  input: { accountId: string; key: string; action: string; params: IdempotentParams; labels: Record<string, string>; what: string; at: Date },
): Promise<IdempotencyClaim> {
  const fingerprint = fingerprintOf(input.action, input.params);
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.accountId, input.accountId), eq(idempotencyKeys.key, input.key)))
    .limit(1);
  if (!existing) {
    await tx.insert(idempotencyKeys).values({ accountId: input.accountId, key: input.key, action: input.action, fingerprint, params: input.params, createdAt: input.at });
    return 'new';
  }
  if (existing.action === input.action && existing.fingerprint === fingerprint) return 'replay';
  const first = (existing.params ?? {}) as IdempotentParams;
  const differs = existing.action === input.action ? differingParams(first, input.params).map((k) => input.labels[k] ?? k) : ['the action'];
  throw new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    `This ${input.what} was already submitted on ${formatLocalDateTime(existing.createdAt)} (UTC+8) with a different ${listLabels(differs)}; a repeated submission must be identical, so nothing was changed. Reload the page to start a new one.`,
    { context: { differs } },
  );
}
