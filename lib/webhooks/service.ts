import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { accounts, noticeDeliveries, webhookEndpoints } from '@/db/schema';
import { writeAudit } from '@/lib/audit/service';
import { accountNow, appEnv } from '@/lib/clock';
import { attemptDelivery, type DeliveryRun } from '@/lib/deliveries/drain';
import { testWebhookBody } from '@/lib/deliveries/payload';
import { AppError } from '@/lib/errors';
import { accountLocale } from '@/lib/i18n/config';
import { MAX_WEBHOOK_ENDPOINTS, webhookUrlProblem } from './rules';
import { encryptWebhookSecret, generateWebhookSecret } from './secret';

type Actor = { accountId: string; userId: string | null; role: 'customer' | 'admin' };

/** Add an endpoint (at most five per account); the secret is returned once and kept encrypted. */
export async function createWebhookEndpoint(db: Database, actor: Actor, input: { url: string; description?: string }) {
  const problem = webhookUrlProblem(input.url, appEnv() === 'production');
  if (problem) throw new AppError('VALIDATION', `url: ${problem}`, { fieldErrors: { url: [problem] } });
  const { secret, hint } = generateWebhookSecret();
  const now = await accountNow(db, actor.accountId);
  const endpoint = await db.transaction(async (tx) => {
    // The account row lock serialises concurrent adds, so the limit holds.
    await tx.execute(sql`select 1 from accounts where id = ${actor.accountId} for update`);
    const [row] = await tx.select({ n: count() }).from(webhookEndpoints).where(and(eq(webhookEndpoints.accountId, actor.accountId), isNull(webhookEndpoints.deletedAt)));
    if ((row?.n ?? 0) >= MAX_WEBHOOK_ENDPOINTS) {
      const msg = `An account has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`;
      throw new AppError('VALIDATION', `url: ${msg}`, { fieldErrors: { url: [msg] } });
    }
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({ accountId: actor.accountId, url: input.url, description: input.description ?? '', secretCiphertext: encryptWebhookSecret(secret), secretHint: hint, createdAt: now })
      .returning();
    if (!created) throw new Error('endpoint insert returned no row');
    await writeAudit(tx, { accountId: actor.accountId, actorUserId: actor.userId, actorRole: actor.role, action: 'webhook.created', targetType: 'webhook_endpoint', targetId: String(created.id), details: { url: input.url }, at: now });
    return created;
  });
  return { endpoint, secret };
}

async function ownEndpoint(db: Database, accountId: string, endpointId: number) {
  const [e] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.accountId, accountId), isNull(webhookEndpoints.deletedAt))).limit(1);
  if (!e) throw new AppError('NOT_FOUND', 'Webhook endpoint not found.');
  return e;
}

/** Delete: no more deliveries; waiting ones fail. The log stays. */
export async function deleteWebhookEndpoint(db: Database, actor: Actor, endpointId: number) {
  await ownEndpoint(db, actor.accountId, endpointId);
  const now = await accountNow(db, actor.accountId);
  await db.transaction(async (tx) => {
    await tx.update(webhookEndpoints).set({ deletedAt: now, status: 'disabled', disabledReason: 'Deleted.' }).where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.accountId, actor.accountId)));
    await tx.update(noticeDeliveries).set({ status: 'failed', lastError: 'the endpoint was deleted' }).where(and(eq(noticeDeliveries.endpointId, endpointId), eq(noticeDeliveries.status, 'pending')));
    await writeAudit(tx, { accountId: actor.accountId, actorUserId: actor.userId, actorRole: actor.role, action: 'webhook.deleted', targetType: 'webhook_endpoint', targetId: String(endpointId), at: now });
  });
}

/** Enable a disabled endpoint again (after fixing it): the failure streak starts afresh. */
export async function enableWebhookEndpoint(db: Database, actor: Actor, endpointId: number) {
  const e = await ownEndpoint(db, actor.accountId, endpointId);
  if (e.status === 'enabled') return e;
  const now = await accountNow(db, actor.accountId);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(webhookEndpoints).set({ status: 'enabled', disabledAt: null, disabledReason: null, failingSince: null }).where(eq(webhookEndpoints.id, endpointId)).returning();
    await writeAudit(tx, { accountId: actor.accountId, actorUserId: actor.userId, actorRole: actor.role, action: 'webhook.enabled', targetType: 'webhook_endpoint', targetId: String(endpointId), at: now });
    return row!;
  });
}

/** Send a `webhook.test` event now (one attempt, not retried), logged like any delivery. */
export async function sendWebhookTestEvent(db: Database, actor: Actor, endpointId: number): Promise<DeliveryRun> {
  const e = await ownEndpoint(db, actor.accountId, endpointId);
  const now = await accountNow(db, actor.accountId);
  const [account] = await db.select({ locale: accounts.locale, currency: accounts.currency }).from(accounts).where(eq(accounts.id, actor.accountId)).limit(1);
  const [delivery] = await db
    .insert(noticeDeliveries)
    .values({
      accountId: actor.accountId,
      channel: 'webhook',
      target: `webhook:${e.id}`,
      endpointId: e.id,
      eventType: 'webhook.test',
      messageId: `msg_test_${crypto.randomUUID().replaceAll('-', '')}`,
      payload: testWebhookBody(actor.accountId, e.id, now, account ? accountLocale(account) : 'en'),
      nextAttemptAt: now,
      // A test is sent once: no retries.
      giveUpAt: now,
      createdAt: now,
    })
    .returning();
  if (!delivery) throw new Error('delivery insert returned no row');
  const run = await attemptDelivery(db, delivery, { at: now, workerId: `test-event:${actor.userId ?? 'system'}`, trigger: 'auto' });
  if (!run) throw new AppError('CONFLICT');
  return run;
}

/** Send a delivery again now (same webhook-id / Message-ID), whatever its status; a success marks it delivered. */
export async function resendDelivery(db: Database, actor: Actor, deliveryId: number): Promise<DeliveryRun> {
  const [d] = await db.select().from(noticeDeliveries).where(and(eq(noticeDeliveries.id, deliveryId), eq(noticeDeliveries.accountId, actor.accountId))).limit(1);
  if (!d) throw new AppError('NOT_FOUND', 'Delivery not found.');
  if (d.status === 'sending') throw new AppError('CONFLICT', 'This delivery is being sent right now; wait a moment.');
  if (d.endpointId) {
    const [e] = await db.select({ deletedAt: webhookEndpoints.deletedAt }).from(webhookEndpoints).where(eq(webhookEndpoints.id, d.endpointId)).limit(1);
    if (e?.deletedAt) throw new AppError('INVALID_STATE', 'The endpoint was deleted.');
  }
  const now = await accountNow(db, actor.accountId);
  const run = await attemptDelivery(db, d, { at: now, workerId: `resend:${actor.userId ?? 'system'}`, trigger: 'resend' });
  if (!run) throw new AppError('CONFLICT', 'This delivery is being sent right now; wait a moment.');
  await writeAudit(db, { accountId: actor.accountId, actorUserId: actor.userId, actorRole: actor.role, action: 'delivery.resent', targetType: 'notice_delivery', targetId: String(deliveryId), details: { outcome: run.outcome, statusCode: run.statusCode }, at: now });
  return run;
}

export async function listWebhookEndpoints(db: Database, accountId: string) {
  return db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.accountId, accountId), isNull(webhookEndpoints.deletedAt))).orderBy(desc(webhookEndpoints.id));
}
