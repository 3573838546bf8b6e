import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { noticeDeliveries, noticeDeliveryAttempts } from '@/db/schema';
import { testClocksEnabled } from '@/lib/clock/app-env';
import { drainLane } from '@/lib/jobs/account-lane';
import { recordEndpointHealth } from '@/lib/webhooks/health';
import { afterDeliveryFailure } from './backoff';
import { attemptEmail } from './send-email';
import { attemptWebhook, type AttemptResult } from './send-webhook';

type Delivery = typeof noticeDeliveries.$inferSelect;

export type DeliveryRun = { deliveryId: number; channel: string; target: string; eventType: string; attempt: number; at: string; outcome: 'delivered' | 'retry' | 'failed'; statusCode: number | null; error: string | null; latencyMs: number };
export type DeliveryDrainResult = { ran: DeliveryRun[]; busy: boolean };

/** A `sending` claim older than this (real time) belonged to a worker that died; the delivery is tried again. */
export const STALE_CLAIM_MS = 5 * 60_000;

/**
 * The delivery lane of one account (issue 10, Delivery), separate from `jobs` so a
 * delivery waiting for its retry never holds back settlement or enforcement. Sends every
 * delivery due by `until` on the account's clock, in (due instant, id) order; a failure is
 * rescheduled from the instant it was due (so an advance over three days makes every
 * retry at its own instant) until three days after it was queued, then marked `failed`.
 * `clock: 'test'`: attempts happen at their due instants (test clocks); `'real'`: now.
 * One drainer per account (advisory lock); the claim and the marks are conditional
 * UPDATEs, so a delivered one is never sent again even against a concurrent resend.
 */
export async function drainAccountDeliveries(
  db: Database,
  accountId: string,
  options: { until: Date; clock: 'test' | 'real'; workerId: string; lock: 'wait' | 'try'; maxAttempts?: number },
): Promise<DeliveryDrainResult> {
  const r = await drainLane<Delivery, DeliveryRun>(db, {
    lane: 'deliver',
    accountId,
    lock: options.lock,
    max: options.maxAttempts ?? 1000,
    recover: () => recoverStaleClaims(db, accountId),
    next: async () => {
      const [next] = await db
        .select()
        .from(noticeDeliveries)
        .where(and(eq(noticeDeliveries.accountId, accountId), eq(noticeDeliveries.status, 'pending'), lte(noticeDeliveries.nextAttemptAt, options.until)))
        .orderBy(asc(noticeDeliveries.nextAttemptAt), asc(noticeDeliveries.id))
        .limit(1);
      return next ? { item: next } : null;
    },
    run: (next) => attemptDelivery(db, next, { at: options.clock === 'test' ? next.nextAttemptAt : new Date(), workerId: options.workerId, trigger: 'auto' }),
  });
  return { ran: r.ran, busy: r.busy };
}

/**
 * Claim, send, record. `auto`: only a `pending` delivery, rescheduled or failed on error.
 * `resend` (customer or admin): any finished one too; it keeps its status unless this
 * send succeeds (then `delivered`). Returns null when someone else holds it.
 */
export async function attemptDelivery(db: Database, delivery: Delivery, options: { at: Date; workerId: string; trigger: 'auto' | 'resend' }): Promise<DeliveryRun | null> {
  const from = options.trigger === 'auto' ? (['pending'] as const) : (['pending', 'delivered', 'failed'] as const);
  const [claimed] = await db
    .update(noticeDeliveries)
    .set({ status: 'sending', attempts: sql`${noticeDeliveries.attempts} + 1`, lockedBy: options.workerId, lockedAt: new Date() })
    .where(and(eq(noticeDeliveries.id, delivery.id), inArray(noticeDeliveries.status, [...from])))
    .returning();
  if (!claimed) return null;
  const startedAt = new Date();
  const result: AttemptResult = claimed.channel === 'email' ? await attemptEmail(db, claimed) : await attemptWebhook(db, claimed);

  let status: Delivery['status'];
  let nextAttemptAt = claimed.nextAttemptAt;
  if (result.ok) status = 'delivered';
  else if (options.trigger === 'resend') status = delivery.status === 'sending' ? 'pending' : delivery.status;
  else {
    const next = afterDeliveryFailure(claimed.attempts, options.at, claimed.giveUpAt);
    status = next.status;
    if (next.nextAttemptAt) nextAttemptAt = next.nextAttemptAt;
  }
  await db.transaction(async (tx) => {
    await tx.insert(noticeDeliveryAttempts).values({
      deliveryId: claimed.id,
      accountId: claimed.accountId,
      attempt: claimed.attempts,
      trigger: options.trigger,
      outcome: result.ok ? 'succeeded' : 'failed',
      statusCode: result.statusCode,
      error: result.error,
      latencyMs: result.latencyMs,
      at: options.at,
      startedAt,
    });
    await tx
      .update(noticeDeliveries)
      .set({
        status,
        nextAttemptAt,
        lastStatusCode: result.statusCode,
        lastError: result.ok ? null : result.error,
        lastLatencyMs: result.latencyMs,
        lastAttemptAt: options.at,
        deliveredAt: result.ok ? options.at : claimed.deliveredAt,
        lockedBy: null,
        lockedAt: null,
      })
      .where(and(eq(noticeDeliveries.id, claimed.id), eq(noticeDeliveries.status, 'sending'), eq(noticeDeliveries.lockedBy, options.workerId)));
    // Endpoint health counts the queue's attempts at real notices, not test events.
    if (claimed.channel === 'webhook' && claimed.endpointId && claimed.notificationId && options.trigger === 'auto') {
      await recordEndpointHealth(tx, claimed.endpointId, result.ok, options.at);
    }
  });
  return {
    deliveryId: claimed.id,
    channel: claimed.channel,
    target: claimed.target,
    eventType: claimed.eventType,
    attempt: claimed.attempts,
    at: options.at.toISOString(),
    outcome: result.ok ? 'delivered' : status === 'failed' ? 'failed' : 'retry',
    statusCode: result.statusCode,
    error: result.error,
    latencyMs: result.latencyMs,
  };
}

/** Put back claims of a worker that died mid-send (the send may have happened: the message id lets receivers see the repeat). */
async function recoverStaleClaims(db: Database, accountId: string): Promise<void> {
  await db
    .update(noticeDeliveries)
    .set({ status: 'pending', lockedBy: null, lockedAt: null, lastError: 'the worker stopped while sending; tried again' })
    .where(and(eq(noticeDeliveries.accountId, accountId), eq(noticeDeliveries.status, 'sending'), lt(noticeDeliveries.lockedAt, new Date(Date.now() - STALE_CLAIM_MS))));
}

/**
 * The real-time loop's pass over the lane: every account with a delivery due by its own
 * time (its test clock's, or real time), so a notice written by an advance or an action
 * goes out within one loop interval without another advance.
 */
export async function drainDueDeliveries(db: Database, options: { workerId: string; log?: (m: string) => void }): Promise<DeliveryRun[]> {
  const clocks = testClocksEnabled();
  const rows = await db.execute<{ account_id: string; clock: Date | string | null }>(sql`
    select d.account_id, max(c.now) as clock
    from notice_deliveries d
    left join test_clocks c on ${clocks} and c.account_id = d.account_id
    where d.status = 'pending' and d.next_attempt_at <= coalesce(c.now, now())
    group by d.account_id`);
  const ran: DeliveryRun[] = [];
  for (const row of rows) {
    const clock = row.clock ? new Date(row.clock) : null;
    try {
      const r = await drainAccountDeliveries(db, row.account_id, { until: clock ?? new Date(), clock: clock ? 'test' : 'real', workerId: options.workerId, lock: 'try' });
      ran.push(...r.ran);
    } catch (err) {
      options.log?.(`[deliveries] account ${row.account_id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return ran;
}
