import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { accountStatusHistory, accounts, bills, ledgerEntries, packages, refundRequests, type LedgerKind } from '@/db/schema';
import type { AccountRow } from '@/db/queries/accounts';
import type { LedgerEntryRow } from '@/lib/ledger/queries';
import { AppError } from '@/lib/errors';
import type { Decimal } from '@/lib/money/decimal';
import { statusAfterBalanceChange } from '@/lib/enforcement/rules';
import { arrearsGraceEnd } from '@/lib/enforcement/timing';
import { balanceAlertChange } from '@/lib/notices/rules';
import { notify } from '@/lib/notices/notify';
import { ledgerDescriptionText, type LedgerDescription } from './description';

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
  /** Why, as a key and values: stored with its English sentence (./description.ts). */
  description: LedgerDescription;
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
      description: ledgerDescriptionText(input.description),
      descriptionKey: input.description.key,
      descriptionParams: input.description.params,
      reference: input.reference ?? null,
      idempotencyKey: input.idempotencyKey,
      actorUserId: input.actorUserId ?? null,
      at: input.at,
    })
    .returning();
  if (!entry) throw new Error('ledger insert returned no row');

  const change = statusAfterBalanceChange(account, balanceAfter, input.at);
  const alert = balanceAlertChange(account.balanceThreshold, account.belowThresholdSince, balanceAfter);
  const [updated] = await tx
    .update(accounts)
    .set({
      balance: balanceAfter,
      ...(alert === 'crossed' ? { belowThresholdSince: input.at } : alert === 'recovered' ? { belowThresholdSince: null } : {}),
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
    await notifyStatusChange(tx, account, updated, input.at);
  }
  if (alert === 'crossed') await notifyBalanceAlert(tx, updated, input.at);
  return { entry, created: true, account: updated };
}

/**
 * Notices of a status the balance caused (lifecycle.md, Notices): `account.overdue` with
 * the amount owed and the suspension moment O+24h, keyed by the overdue instant;
 * `account.restored` when a top-up ends overdue or an arrears suspension, keyed by the
 * episode it ends.
 */
async function notifyStatusChange(tx: Transaction, before: AccountRow, after: AccountRow, at: Date): Promise<void> {
  const base = { accountId: after.id, subject: after.id, at };
  if (after.status === 'overdue' && after.overdueSince) {
    const since = after.overdueSince;
    await notify(tx, {
      ...base,
      kind: 'account.overdue',
      occasion: since.toISOString(),
      facts: { currency: after.currency, owed: after.balance.neg().toFixed(2), overdueSince: since.toISOString(), suspendAt: arrearsGraceEnd(since).toISOString() },
    });
  } else if (after.status === 'active') {
    const episode = before.suspendedAt ?? before.overdueSince ?? at;
    await notify(tx, { ...base, kind: 'account.restored', occasion: episode.toISOString(), facts: { currency: after.currency, balance: after.balance.toFixed(2), via: 'balance' } });
  }
}

/** The balance went below the customer's alert threshold: day 1 of the episode (lifecycle.md, Notices). */
export async function notifyBalanceAlert(tx: Transaction, account: AccountRow, at: Date): Promise<void> {
  if (!account.balanceThreshold || !account.belowThresholdSince) return;
  const since = account.belowThresholdSince.toISOString();
  await notify(tx, {
    kind: 'balance.below_threshold',
    accountId: account.id,
    subject: account.id,
    occasion: `${since}:1`,
    at,
    facts: { currency: account.currency, balance: account.balance.toFixed(2), threshold: account.balanceThreshold.toFixed(2), since, day: 1 },
  });
}

/** Rows that point at the ledger entry that paid for them (`ledger_entry_id`), by kind. */
type LedgerSubjects = {
  package: typeof packages.$inferSelect;
  bill: typeof bills.$inferSelect;
  refund: typeof refundRequests.$inferSelect;
};
export type LedgerSubject<K extends keyof LedgerSubjects = keyof LedgerSubjects> = { kind: K; id: string };

/**
 * The one ledger step for money that belongs to a row (a package bought or renewed, a bill
 * charged, a refund paid): `postLedgerEntry` with the reference `<kind>:<id>`, then the row's
 * `ledger_entry_id` set to the entry, in the caller's transaction. Returns the updated row.
 */
export async function postLinkedLedgerEntry<K extends keyof LedgerSubjects>(
  tx: Transaction,
  input: Omit<PostLedgerEntryInput, 'reference'> & { subject: LedgerSubject<K> },
): Promise<{ entry: LedgerEntryRow; created: boolean; account: AccountRow; linked: LedgerSubjects[K] }> {
  const { subject, ...rest } = input;
  const posted = await postLedgerEntry(tx, { ...rest, reference: `${subject.kind}:${subject.id}` });
  const linked = await linkEntry(tx, subject, posted.entry.id);
  if (!linked) throw new Error(`ledger entry ${posted.entry.id}: ${subject.kind} ${subject.id} not found`);
  return { ...posted, linked: linked as LedgerSubjects[K] };
}

async function linkEntry(tx: Transaction, subject: LedgerSubject, ledgerEntryId: number): Promise<LedgerSubjects[keyof LedgerSubjects] | undefined> {
  switch (subject.kind) {
    case 'package':
      return (await tx.update(packages).set({ ledgerEntryId }).where(eq(packages.id, subject.id)).returning())[0];
    case 'bill':
      return (await tx.update(bills).set({ ledgerEntryId }).where(eq(bills.id, subject.id)).returning())[0];
    case 'refund':
      return (await tx.update(refundRequests).set({ ledgerEntryId }).where(eq(refundRequests.id, subject.id)).returning())[0];
  }
}
