import { and, eq } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { accountStatusHistory, accounts } from '@/db/schema';
import { arrearsGraceEnd } from '@/lib/enforcement/timing';
import { notify } from '@/lib/notices/notify';
import { writeAudit } from '@/lib/audit/service';
import { accountNow } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { claimIdempotencyKey } from '@/lib/idempotency/service';
import { lockAccount, postLedgerEntry, type AccountRow } from '@/lib/ledger/service';
import { transact } from '@/lib/ledger/transaction';
import type { Decimal } from '@/lib/money/decimal';
import { formatMoney, type Currency } from '@/lib/money/format';
import { endAccountSessions } from '@/lib/auth/sessions';

/**
 * An admin adjusts an account's balance with a mandatory reason (lifecycle.md, People:
 * "adjusts balances with a reason"): one `adjustment` ledger entry keyed by the form's
 * idempotency key, and the audit row, in one transaction.
 */
export async function adjustBalance(
  db: Database,
  input: { accountId: string; adminUserId: string; amount: Decimal; reason: string; idempotencyKey: string },
): Promise<{ entryId: number; balance: Decimal; currency: Currency; created: boolean }> {
  return transact(db, async (tx) => {
    const before = await lockAccount(tx, input.accountId);
    if (before.status === 'reclaimed') throw new AppError('INVALID_STATE', 'This account was reclaimed; its balance can no longer be adjusted.');
    const now = await accountNow(tx, input.accountId);
    // The same key replays only the same adjustment (issue 13, item 11).
    await claimIdempotencyKey(tx, {
      accountId: input.accountId,
      key: `adjustment:${input.idempotencyKey}`,
      action: 'balance.adjustment',
      params: { amount: input.amount.toFixed(), reason: input.reason },
      labels: { amount: 'amount', reason: 'reason' },
      what: 'balance adjustment',
      at: now,
    });
    const { entry, created, account } = await postLedgerEntry(tx, {
      accountId: input.accountId,
      kind: 'adjustment',
      amount: input.amount,
      description: { key: 'adminAdjustment', params: { reason: input.reason } },
      reference: 'admin-adjustment',
      idempotencyKey: `adjustment:${input.idempotencyKey}`,
      actorUserId: input.adminUserId,
      at: now,
    });
    if (created) {
      await writeAudit(tx, {
        accountId: input.accountId,
        actorUserId: input.adminUserId,
        actorRole: 'admin',
        action: 'balance.adjusted',
        targetType: 'ledger_entry',
        targetId: String(entry.id),
        details: { amount: input.amount.toFixed(), reason: input.reason, balanceBefore: before.balance.toFixed(), balanceAfter: entry.balanceAfter.toFixed() },
        at: now,
      });
      await notify(tx, {
        kind: 'balance.adjusted',
        accountId: input.accountId,
        subject: String(entry.id),
        occasion: 'adjusted',
        at: now,
        facts: { currency: account.currency, amount: input.amount.toFixed(2), reason: input.reason },
      });
    }
    return { entryId: entry.id, balance: account.balance, currency: account.currency, created };
  });
}

/**
 * Suspend an account for a violation (lifecycle.md, Other suspensions): no automatic
 * lifting, no refunds, never reclaimed automatically. Replaces an arrears suspension, so a
 * top-up no longer lifts it.
 */
export async function suspendForViolation(db: Database, input: { accountId: string; adminUserId: string; reason: string }): Promise<AccountRow> {
  return transact(db, async (tx) => {
    const account = await lockAccount(tx, input.accountId);
    if (account.status === 'reclaimed') throw new AppError('INVALID_STATE', 'This account was reclaimed; it cannot be suspended.');
    if (account.status === 'suspended' && account.suspensionReason === 'violation') throw new AppError('CONFLICT', 'This account is already suspended for a violation.');
    const now = await accountNow(tx, input.accountId);
    const [updated] = await tx
      .update(accounts)
      .set({ status: 'suspended', suspensionReason: 'violation', suspendedAt: now })
      .where(and(eq(accounts.id, account.id), eq(accounts.status, account.status)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await recordStatusChange(tx, account, updated, input.adminUserId, `suspended for a violation: ${input.reason}`, now, 'account.suspended_for_violation', input.reason);
    // The customer is signed out everywhere at once (issue 13 item 5); real time, as sessions are.
    await endAccountSessions(tx, { accountId: account.id, reason: 'suspended' });
    await notify(tx, {
      kind: 'account.suspended',
      accountId: account.id,
      subject: account.id,
      occasion: now.toISOString(),
      at: now,
      facts: { reason: 'violation', suspendedAt: now.toISOString(), adminReason: input.reason },
    });
    return updated;
  });
}

/**
 * Lift a violation suspension (lifecycle.md: only an admin lifts it). The account returns
 * to `active`, or to `overdue` if its balance is below zero (*decision*: the 24-hour grace
 * to top up starts again at the lift).
 */
export async function liftViolationSuspension(db: Database, input: { accountId: string; adminUserId: string; reason: string }): Promise<AccountRow> {
  return transact(db, async (tx) => {
    const account = await lockAccount(tx, input.accountId);
    if (account.status !== 'suspended' || account.suspensionReason !== 'violation') {
      throw new AppError('INVALID_STATE', 'Only a suspension for a violation can be lifted here; an arrears suspension lifts when the balance is back to zero or above.');
    }
    const now = await accountNow(tx, input.accountId);
    const negative = account.balance.isNegative();
    const [updated] = await tx
      .update(accounts)
      .set({ status: negative ? 'overdue' : 'active', suspensionReason: null, suspendedAt: null, overdueSince: negative ? now : null })
      .where(and(eq(accounts.id, account.id), eq(accounts.status, 'suspended'), eq(accounts.suspensionReason, 'violation')))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await recordStatusChange(tx, account, updated, input.adminUserId, `violation suspension lifted: ${input.reason}`, now, 'account.suspension_lifted', input.reason);
    // Lifted with a negative balance: a new overdue episode starts now, told with its deadline.
    if (negative) {
      await notify(tx, {
        kind: 'account.overdue',
        accountId: account.id,
        subject: account.id,
        occasion: now.toISOString(),
        at: now,
        facts: { currency: updated.currency, owed: updated.balance.neg().toFixed(2), overdueSince: now.toISOString(), suspendAt: arrearsGraceEnd(now).toISOString(), afterLift: true },
      });
    } else {
      await notify(tx, {
        kind: 'account.restored',
        accountId: account.id,
        subject: account.id,
        occasion: (account.suspendedAt ?? now).toISOString(),
        at: now,
        facts: { currency: updated.currency, balance: updated.balance.toFixed(2), via: 'lift' },
      });
    }
    return updated;
  });
}

async function recordStatusChange(
  tx: Transaction,
  before: AccountRow,
  after: AccountRow,
  adminUserId: string,
  historyReason: string,
  at: Date,
  action: string,
  reason: string,
) {
  await tx.insert(accountStatusHistory).values({ accountId: before.id, fromStatus: before.status, toStatus: after.status, reason: historyReason, actorUserId: adminUserId, at });
  await writeAudit(tx, {
    accountId: before.id,
    actorUserId: adminUserId,
    actorRole: 'admin',
    action,
    targetType: 'account',
    targetId: before.id,
    details: { reason, from: { status: before.status, suspensionReason: before.suspensionReason }, to: { status: after.status, suspensionReason: after.suspensionReason } },
    at,
  });
}
