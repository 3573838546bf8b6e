import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { applications, packages } from '@/db/schema';
import { applicationFootprint, type ApplicationRow } from '@/db/queries/applications';
import { accountNow } from '@/lib/clock';
import { AppError, fieldError } from '@/lib/errors';
import { lockAccount } from '@/lib/ledger/service';
import { transact } from '@/lib/ledger/transaction';
import { Decimal } from '@/lib/money/decimal';
import { localDate } from '@/lib/time/local-date';
import { validityFor } from '@/lib/packages/rules';
import { deletionRefusal, previousKeyExpiry } from './rules';
import { writeAudit } from '@/lib/audit/service';
import { generateSecretKey } from './secret-key';

/** Applications per account; a guard against runaway scripts, not a billing rule. */
export const MAX_APPLICATIONS_PER_ACCOUNT = 100;

/** seed 002 · 免费试用: 首次在控制台创建应用的腾讯云账号，可获赠一个 10000 分钟的免费试用套餐包. */
export const UNIVERSAL_TRIAL_MINUTES = 10_000;

/**
 * Create an application (lifecycle.md, Applications): SDKAppID from the sequence
 * (1400000000 + n, unique), a secret key returned once and stored as its SHA-256 only, on
 * the RTC-Engine Free edition. A CNY account's first application also receives the 2022
 * free trial package of 10,000 minutes (seed 002 · 免费试用套餐包), valid from today through
 * the last day of the same month next year.
 */
export async function createApplication(db: Database, input: { accountId: string; name: string }): Promise<{ application: ApplicationRow; secretKey: string }> {
  return transact(db, async (tx) => {
    const account = await lockAccount(tx, input.accountId);
    const now = await accountNow(tx, input.accountId);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(applications).where(eq(applications.accountId, input.accountId));
    if (n >= MAX_APPLICATIONS_PER_ACCOUNT) throw fieldError('name', `An account can have at most ${MAX_APPLICATIONS_PER_ACCOUNT} applications; delete one you no longer use.`);
    await assertNameFree(tx, input.accountId, input.name);
    const key = generateSecretKey();
    const [application] = await tx
      .insert(applications)
      .values({ accountId: input.accountId, name: input.name, secretKeyHash: key.hash, secretKeyHint: key.hint, createdAt: now })
      .returning();
    if (!application) throw new Error('application insert returned no row');

    await grantUniversalTrial(tx, { accountId: input.accountId, priceBookId: account.priceBookId }, application, now);
    return { application, secretKey: key.secretKey };
  });
}

/**
 * The 2022 universal package free trial (seed 002 · 免费试用: 10,000 minutes at 1:1), once
 * per account, with its first application. Decision: only the TRTC 2022 book offers it;
 * the real-time voice (seed 000) and cloud communication (seed 001) books have no trial.
 */
export async function grantUniversalTrial(
  tx: Transaction,
  account: { accountId: string; priceBookId: string },
  application: { id: string; sdkAppId: number },
  now: Date,
): Promise<void> {
  if (account.priceBookId !== 'trtc-2022-cny') return;
  const validity = validityFor({ validity: 'universal' }, localDate(now));
  // Once per account: the idempotency key is unique per account.
  await tx
    .insert(packages)
    .values({
      accountId: account.accountId,
      applicationId: application.id,
      sdkAppId: application.sdkAppId,
      kind: 'trial',
      product: 'universal',
      edition: 'trial',
      catalogCode: 'universal.trial',
      minutes: new Decimal(UNIVERSAL_TRIAL_MINUTES),
      price: new Decimal(0),
      currency: 'CNY',
      status: 'active',
      validFrom: validity.validFrom,
      validTo: validity.validTo,
      source: 'grant',
      purchasedAt: now,
      idempotencyKey: 'grant:universal-trial',
    })
    .onConflictDoNothing();
}

async function assertNameFree(tx: Transaction, accountId: string, name: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.accountId, accountId), sql`lower(${applications.name}) = lower(${name})`, exceptId ? ne(applications.id, exceptId) : undefined))
    .limit(1);
  if (dup) throw fieldError('name', `An application named "${name}" already exists; choose another name.`);
}

async function lockApplication(tx: Transaction, accountId: string, applicationId: string): Promise<ApplicationRow> {
  const [app] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.accountId, accountId), eq(applications.id, applicationId)))
    .for('update');
  // Another account's application answers exactly like a missing one.
  if (!app) throw new AppError('NOT_FOUND', 'Application not found.');
  return app;
}

export async function renameApplication(db: Database, input: { accountId: string; applicationId: string; name: string }): Promise<ApplicationRow> {
  return transact(db, async (tx) => {
    await lockAccount(tx, input.accountId);
    await lockApplication(tx, input.accountId, input.applicationId);
    await assertNameFree(tx, input.accountId, input.name, input.applicationId);
    const [row] = await tx.update(applications).set({ name: input.name }).where(and(eq(applications.id, input.applicationId), eq(applications.accountId, input.accountId))).returning();
    if (!row) throw new AppError('NOT_FOUND', 'Application not found.');
    return row;
  });
}

/**
 * Disable or enable an application by hand (lifecycle.md, Other suspensions: "enable it
 * again to resume"). The state is in the WHERE: a repeated click changes nothing.
 */
export async function setApplicationEnabled(db: Database, input: { accountId: string; applicationId: string; enabled: boolean }): Promise<{ application: ApplicationRow; changed: boolean }> {
  return transact(db, async (tx) => {
    const app = await lockApplication(tx, input.accountId, input.applicationId);
    const [row] = await tx
      .update(applications)
      .set({ enabled: input.enabled })
      .where(and(eq(applications.id, app.id), eq(applications.accountId, input.accountId), eq(applications.enabled, !input.enabled)))
      .returning();
    return { application: row ?? app, changed: !!row };
  });
}

/** Delete an application only when nothing is billed or running on it (deletionRefusal); otherwise it can be disabled. */
export async function deleteApplication(db: Database, input: { accountId: string; applicationId: string; confirmName: string }): Promise<{ sdkAppId: number }> {
  return transact(db, async (tx) => {
    await lockAccount(tx, input.accountId);
    const app = await lockApplication(tx, input.accountId, input.applicationId);
    if (input.confirmName.trim() !== app.name) throw fieldError('confirmName', `Type the application name exactly ("${app.name}") to confirm.`);
    const refusal = deletionRefusal(app, await applicationFootprint(tx, input.accountId, app));
    if (refusal) throw new AppError('INVALID_STATE', refusal);
    const [gone] = await tx.delete(applications).where(and(eq(applications.id, app.id), eq(applications.accountId, input.accountId))).returning({ sdkAppId: applications.sdkAppId });
    if (!gone) throw new AppError('NOT_FOUND', 'Application not found.');
    return gone;
  });
}

/**
 * Rotate an application's secret key (lifecycle.md, Applications): a new key, returned
 * once and stored as its SHA-256 only; the old one keeps signing for 24 hours of the
 * account's time, or stops at once when the customer says it leaked. A key still in its
 * grace window from an earlier rotation stops now (at most one old key signs). Audited.
 */
export async function rotateSecretKey(
  db: Database,
  input: { accountId: string; userId: string | null; applicationId: string; leaked: boolean },
): Promise<{ application: ApplicationRow; secretKey: string; previousValidUntil: Date | null; previousHint: string }> {
  return transact(db, async (tx) => {
    await lockAccount(tx, input.accountId);
    const app = await lockApplication(tx, input.accountId, input.applicationId);
    const now = await accountNow(tx, input.accountId);
    const key = generateSecretKey();
    const previousValidUntil = previousKeyExpiry(now, input.leaked);
    const [row] = await tx
      .update(applications)
      .set({
        secretKeyHash: key.hash,
        secretKeyHint: key.hint,
        secretKeyRotatedAt: now,
        previousSecretKeyHash: previousValidUntil ? app.secretKeyHash : null,
        previousSecretKeyHint: previousValidUntil ? app.secretKeyHint : null,
        previousSecretKeyExpiresAt: previousValidUntil,
      })
      .where(and(eq(applications.id, app.id), eq(applications.accountId, input.accountId)))
      .returning();
    if (!row) throw new AppError('NOT_FOUND', 'Application not found.');
    await writeAudit(tx, {
      accountId: input.accountId,
      actorUserId: input.userId,
      actorRole: 'customer',
      action: 'application.key_rotated',
      targetType: 'application',
      targetId: String(app.sdkAppId),
      details: { leaked: input.leaked, previousHint: app.secretKeyHint, newHint: key.hint, previousValidUntil: previousValidUntil?.toISOString() ?? null },
      at: now,
    });
    return { application: row, secretKey: key.secretKey, previousValidUntil, previousHint: app.secretKeyHint };
  });
}
