import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { accounts, applications } from '@/db/schema';
import { accountNow } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { assertAccountAcceptsUsage } from '@/lib/enforcement/service';
import { getPriceBook } from '@/lib/rating';
import { rawSqlOf } from '@/db/raw';
import { validateBatch } from '@/lib/usage/batch';
import { storeUsageBatch } from '@/lib/usage/store';
import { syntheticUsage } from '@/lib/usage/synthetic';
import { assertTestClocksEnabled } from '@/lib/clock/test-clock';

export type GeneratedUsage = { batchId: string; sdkAppId: number; records: number; from: string; to: string };

/**
 * Synthetic usage for an application at the account's clock time (developer tools):
 * `sessions` rooms starting within the next `spanMinutes` from the clock, stored like an
 * accepted batch (same validation and statistics as the usage API, source `generator`).
 * Refused exactly when the usage API would refuse the application (suspended account,
 * disabled application, Free edition used up).
 */
export async function generateSyntheticUsage(
  db: Database,
  input: { accountId: string; sdkAppId: number; sessions: number; spanMinutes: number; seed?: number },
): Promise<GeneratedUsage> {
  assertTestClocksEnabled();
  const [app] = await db
    .select({ sdkAppId: applications.sdkAppId, priceBookId: accounts.priceBookId })
    .from(applications)
    .innerJoin(accounts, eq(accounts.id, applications.accountId))
    .where(and(eq(applications.accountId, input.accountId), eq(applications.sdkAppId, input.sdkAppId)))
    .limit(1);
  if (!app) throw new AppError('NOT_FOUND', `Application ${input.sdkAppId} not found on this account.`);
  await assertAccountAcceptsUsage(db, input.accountId, input.sdkAppId);
  const now = await accountNow(db, input.accountId);
  const book = getPriceBook(app.priceBookId);
  const spanMs = input.spanMinutes * 60_000;
  const records = syntheticUsage({ sdkAppId: app.sdkAppId, from: now, spanMs, sessions: input.sessions, seed: input.seed ?? (now.getTime() / 1000) % 1_000_003, timeZone: book.timeZone });
  const checked = validateBatch(records.map((value) => ({ value })), { book, sdkAppId: app.sdkAppId });
  if (!checked.ok) throw new Error(`generated usage failed validation: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  const body = JSON.stringify(records);
  const { batch } = await storeUsageBatch(rawSqlOf(db), {
    accountId: input.accountId,
    sdkAppId: app.sdkAppId,
    source: 'generator',
    idempotencyKey: `generator:${randomUUID()}`,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    receivedAt: now,
    timeZone: book.timeZone,
    records: checked.records,
  });
  return { batchId: batch.batchId, sdkAppId: app.sdkAppId, records: records.length, from: now.toISOString(), to: new Date(now.getTime() + spanMs).toISOString() };
}
