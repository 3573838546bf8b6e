import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx, Transaction } from '@/db/client';
import { accountStatusHistory, accounts, applications, packages, usageBatches } from '@/db/schema';
import { deleteAccountUsage } from '@/lib/usage/partitions';
import { AppError } from '@/lib/errors';
import { lockAccount } from '@/lib/ledger/service';
import { writeAudit } from '@/lib/audit/service';
import { notify } from '@/lib/notices/notify';
import { reclamationInstant } from '@/lib/jobs/planner';
import { usageRefusalOf, type UsageRefusal } from './rules';
import { reclaimableAfter, shouldReclaim, shouldSuspendForArrears } from './timing';

export type EnforcementResult = { outcome: 'suspended' | 'reclaimed' | 'skipped'; reason: string; details?: Record<string, unknown> };

/**
 * Overdue → suspended for arrears, 24 hours after the overdue instant if the balance
 * is still below zero (lifecycle.md, Account; seed 003, TRTC Overdue and Suspension
 * Policy: "If 24 hours have passed and the account has not been recharged ... stop the
 * service"). `overdueSince` names the overdue episode the job was planned for: a top-up
 * in between ended that episode and the job does nothing.
 */
export async function suspendForArrears(tx: Transaction, accountId: string, overdueSince: Date, now: Date): Promise<EnforcementResult> {
  const account = await lockAccount(tx, accountId);
  const decision = shouldSuspendForArrears(account, overdueSince, now);
  if (!decision.suspend) return { outcome: 'skipped', reason: decision.reason };
  await tx
    .update(accounts)
    .set({ status: 'suspended', suspensionReason: 'arrears', suspendedAt: now })
    .where(and(eq(accounts.id, accountId), eq(accounts.status, 'overdue')));
  await tx.insert(accountStatusHistory).values({
    accountId,
    fromStatus: 'overdue',
    toStatus: 'suspended',
    reason: 'arrears: balance still below zero 24 hours after becoming overdue',
    at: now,
  });
  await notify(tx, {
    kind: 'account.suspended',
    accountId,
    subject: accountId,
    occasion: now.toISOString(),
    at: now,
    facts: { reason: 'arrears', suspendedAt: now.toISOString(), reclaimAt: reclamationInstant(now).toISOString() },
  });
  await writeAudit(tx, {
    accountId,
    actorUserId: null,
    actorRole: 'system',
    action: 'account.suspended',
    targetType: 'account',
    targetId: accountId,
    details: { reason: 'arrears', overdueSince: overdueSince.toISOString(), balance: account.balance.toFixed() },
    at: now,
  });
  return { outcome: 'suspended', reason: 'balance below zero 24 hours after overdue', details: { balance: account.balance.toFixed() } };
}

/**
 * Suspended for arrears more than 60 days → reclaimed (lifecycle.md, Account; seed 003,
 * Resource Removal Policy): the account's applications with their configuration and
 * keys, usage logs and packages are deleted for good. Bills, bill lines, entitlement
 * deductions, the ledger, the audit log and notifications are financial and legal
 * records and are kept (lifecycle.md *decision*). Never for a violation suspension.
 */
export async function reclaimAccount(tx: Transaction, accountId: string, suspendedAt: Date, now: Date): Promise<EnforcementResult> {
  const account = await lockAccount(tx, accountId);
  const decision = shouldReclaim(account, suspendedAt, now);
  if (!decision.reclaim) return { outcome: 'skipped', reason: decision.reason };

  const apps = await tx.select({ id: applications.id, sdkAppId: applications.sdkAppId }).from(applications).where(eq(applications.accountId, accountId));
  // Counted, not returned: an account's usage logs can run to millions of rows.
  // Raw records and the aggregates kept at ingest (usage logs too), by partition: only the
  // month partitions covering the account's days, each DELETE scoped to the account (issue 11 item 3).
  const records = (await deleteAccountUsage(tx, accountId)).usage_records;
  const batches = (await tx.delete(usageBatches).where(eq(usageBatches.accountId, accountId))).count;
  const pkgs = (await tx.delete(packages).where(eq(packages.accountId, accountId))).count;
  await tx.delete(applications).where(eq(applications.accountId, accountId));
  await tx.update(accounts).set({ status: 'reclaimed', reclaimedAt: now }).where(eq(accounts.id, accountId));
  const details = {
    applications: apps.map((a) => a.sdkAppId),
    usageRecords: records,
    usageBatches: batches,
    packages: pkgs,
    suspendedAt: suspendedAt.toISOString(),
  };
  await tx.insert(accountStatusHistory).values({ accountId, fromStatus: 'suspended', toStatus: 'reclaimed', reason: 'suspended for arrears more than 60 days', at: now });
  await notify(tx, {
    kind: 'account.reclaimed',
    accountId,
    subject: accountId,
    occasion: suspendedAt.toISOString(),
    at: now,
    facts: { applications: apps.length, usageRecords: records, packages: pkgs },
  });
  await writeAudit(tx, { accountId, actorUserId: null, actorRole: 'system', action: 'account.reclaimed', targetType: 'account', targetId: accountId, details, at: now });
  return { outcome: 'reclaimed', reason: 'suspended for arrears more than 60 days', details };
}

/**
 * Whether the usage API may take records for an application (lifecycle.md, Account and
 * Packages): refused while the account is suspended or reclaimed (rooms are considered
 * disbanded), while the application is disabled by hand, or while a Free-edition
 * application has used up the month's free minutes. Throws ACCOUNT_SUSPENDED / NOT_FOUND.
 */
export async function assertAccountAcceptsUsage(db: DbOrTx, accountId: string, sdkAppId: number): Promise<void> {
  const [row] = await db
    .select({
      status: accounts.status,
      suspensionReason: accounts.suspensionReason,
      enabled: applications.enabled,
      freeExhaustedAt: applications.freeExhaustedAt,
      appAccount: applications.accountId,
    })
    .from(accounts)
    .leftJoin(applications, and(eq(applications.accountId, accounts.id), eq(applications.sdkAppId, sdkAppId)))
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!row || !row.appAccount) throw new AppError('NOT_FOUND', `Application ${sdkAppId} not found.`);
  const refusal = usageRefusal(row);
  if (refusal) throw new AppError('ACCOUNT_SUSPENDED', refusal);
}

const USAGE_REFUSAL_MESSAGE: Record<UsageRefusal, string> = {
  reclaimed: 'The account was reclaimed; its applications no longer exist.',
  'suspended-violation': 'The account is suspended for a policy violation; the usage API refuses its records.',
  'suspended-arrears': 'The account is suspended for arrears; the usage API refuses its records until the balance is topped up to zero or above.',
  'application-disabled': 'The application is disabled; enable it to resume.',
  'free-minutes-exhausted': "The application is on the Free edition and used up the month's free minutes; buy a package or wait for next month's free minutes.",
};

export function usageRefusal(s: Parameters<typeof usageRefusalOf>[0]): string | null {
  const refusal = usageRefusalOf(s);
  return refusal && USAGE_REFUSAL_MESSAGE[refusal];
}

/**
 * Free-edition applications stopped for having used up the free minutes resume, with the
 * next month's free minutes or a paid package (lifecycle.md, Packages and Other
 * suspensions), each with an `application.resumed` notice for the stop it ends. Read
 * before clearing: the stop's instant is the notice's occasion. `applicationId` limits it
 * to one application (a package bought for it).
 */
export async function clearFreeExhaustion(tx: Transaction, accountId: string, now: Date, why: string, applicationId?: string): Promise<number[]> {
  const apps = await tx
    .select({ id: applications.id, sdkAppId: applications.sdkAppId, name: applications.name, exhaustedAt: applications.freeExhaustedAt })
    .from(applications)
    .where(and(eq(applications.accountId, accountId), isNotNull(applications.freeExhaustedAt), applicationId ? eq(applications.id, applicationId) : undefined))
    .for('update');
  if (apps.length === 0) return [];
  await tx.update(applications).set({ freeExhaustedAt: null }).where(inArray(applications.id, apps.map((a) => a.id)));
  for (const app of apps) {
    await notify(tx, {
      kind: 'application.resumed',
      accountId,
      subject: String(app.sdkAppId),
      occasion: (app.exhaustedAt ?? now).toISOString(),
      at: now,
      facts: { sdkAppId: app.sdkAppId, appName: app.name, why },
    });
  }
  return apps.map((a) => a.sdkAppId);
}
