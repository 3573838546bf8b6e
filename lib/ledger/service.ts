import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { accountStatusHistory, accounts, ledgerEntries, notifications, type LedgerKind } from '@/db/schema';
import type { AccountRow } from '@/db/queries/accounts';
import type { LedgerEntryRow } from '@/db/queries/ledger';
import { AppError } from '@/lib/errors';
import type { Decimal } from '@/lib/money/decimal';
import { statusAfterBalanceChange } from '@/lib/enforcement/rules';

export type { AccountRow, LedgerEntryRow };

/** Lock an account row for the rest of the transaction (serialises balance changes). */
export async function lockAccount(tx: Transaction, accountId: string): Promise<AccountRow> {
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 'Account not found.');
  return row;
}

export type PostLedgerEntryInput = {
  accountId: string;
  kind: LedgerKind;
  /** Signed: credit > 0, debit < 0. */
  amount: Decimal;
  description: string;
  reference?: string | null;
  /** Same key, same account → the first entry is returned and nothing is written. */
  idempotencyKey: string;
  actorUserId?: string | null;
  at: Date;
};

/**
 * The only way the balance changes (lifecycle.md, Account: append-only ledger, the
 * balance is its sum). Locks the account, writes the ledger row with its running
 * balance, updates the cached balance and applies the status a negative or restored
 * balance leads to, all in the caller's transaction.
 */
export async function postLedgerEntry(
  tx: Transaction,
  input: PostLedgerEntryInput,
): Promise<{ entry: LedgerEntryRow; created: boolean; account: AccountRow }> {
  const account = await lockAccount(tx, input.accountId);
  const [existing] = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.accountId, input.accountId), eq(ledgerEntries.idempotencyKey, input.idempotencyKey)))
    .limit(1);
  if (existing) return { entry: existing, created: false, account };

  const balanceAfter = account.balance.plus(input.amount);
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      accountId: input.accountId,
      kind: input.kind,
      amount: input.amount,
      balanceAfter,
      currency: account.currency,
      description: input.description,
      reference: input.reference ?? null,
      idempotencyKey: input.idempotencyKey,
      actorUserId: input.actorUserId ?? null,
      at: input.at,
    })
    .returning();
  if (!entry) throw new Error('ledger insert returned no row');

  const change = statusAfterBalanceChange(account, balanceAfter, input.at);
  const [updated] = await tx
    .update(accounts)
    .set({
      balance: balanceAfter,
      ...(change
        ? {
            status: change.status,
            suspensionReason: change.suspensionReason,
            overdueSince: change.overdueSince,
            ...(change.status === 'active' ? { suspendedAt: null } : {}),
          }
        : {}),
    })
    .where(eq(accounts.id, input.accountId))
    .returning();
  if (!updated) throw new Error('account update returned no row');

  if (change) {
    await tx.insert(accountStatusHistory).values({
      accountId: input.accountId,
      fromStatus: account.status,
      toStatus: change.status,
      reason: change.reason,
      actorUserId: input.actorUserId ?? null,
      at: input.at,
    });
    await tx.insert(notifications).values({
      accountId: input.accountId,
      kind: `status.${change.status}`,
      title: change.status === 'overdue' ? 'Your account is overdue' : 'Your account is active again',
      body:
        change.status === 'overdue'
          ? 'Your balance is below zero. Top up within 24 hours to avoid suspension of your applications.'
          : 'Your balance is back to zero or above; service continues normally.',
      at: input.at,
    });
  }
  return { entry, created: true, account: updated };
}
