import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { accounts, billLines, bills, entitlementDeductions, freeMinuteGrants, packages } from '@/db/schema';
import { postLinkedLedgerEntry } from '@/lib/ledger/service';
import type { Decimal } from '@/lib/money/decimal';
import type { UsageLevelChange } from '@/lib/notices/usage-levels';
import type { LocalDate } from '@/lib/time/local-date';
import type { BillDiff } from './bill-diff';
import { copyRows } from './copy-rows';
import type { DayEntitlement } from './entitlements';
import type { LedgerDescription } from '@/lib/ledger/description';

/**
 * The one step that issues a bill (lifecycle.md, Settlement and bills), shared by the daily
 * bill, the month's bill and their adjustments: number it from the account's counter, write
 * the bill, its lines and its deductions, add the minutes each entitlement gave to its row,
 * and charge the total through `postLinkedLedgerEntry` (the bill's ledger link), all in the caller's transaction. What to
 * bill (`diff`, `amount`, `total`) is decided before, by the period's pure diff (bill-diff.ts).
 * Returns the bill and each entitlement's minutes used before and after (usage-level notices).
 */
export type IssueBillInput = {
  accountId: string;
  kind: 'daily' | 'monthly' | 'adjustment';
  periodStart: LocalDate;
  periodEnd: LocalDate;
  adjustmentSeq: number;
  currency: string;
  priceBookId: string;
  diff: Pick<BillDiff, 'lines' | 'deductions' | 'usedBy' | 'amount'>;
  total: Decimal;
  /** The usage watermark the bill was rated at. */
  throughId: number;
  now: Date;
  ents: readonly DayEntitlement[];
  ledger: { kind: 'daily_charge' | 'monthly_charge'; description: (billNumber: string) => LedgerDescription; idempotencyKey: string };
};

export type IssuedBill = { billId: string; billNumber: string; levelChanges: UsageLevelChange[] };

export async function issueBill(tx: Transaction, input: IssueBillInput): Promise<IssuedBill> {
  const { accountId, diff, total, now } = input;
  const number = await nextBillNumber(tx, accountId);
  const [bill] = await tx
    .insert(bills)
    .values({
      accountId,
      number,
      kind: input.kind,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      adjustmentSeq: input.adjustmentSeq,
      currency: input.currency,
      priceBookId: input.priceBookId,
      amount: diff.amount,
      total,
      lastUsageRecordId: input.throughId,
      issuedAt: now,
    })
    .returning({ id: bills.id });
  if (!bill) throw new Error('bill insert returned no row');
  // One COPY each (copy-rows.ts): a day of 1,000 applications has 5,000 lines.
  await copyRows(tx, billLines, diff.lines, { billId: bill.id });
  await copyRows(tx, entitlementDeductions, diff.deductions, { billId: bill.id });
  const levelChanges: UsageLevelChange[] = [];
  for (const ent of input.ents) {
    const used = diff.usedBy.get(ent.rowId);
    if (!used || used.isZero()) continue;
    const [row] =
      ent.source === 'packages'
        ? await tx.update(packages).set({ minutesUsed: sql`${packages.minutesUsed} + ${used.toFixed()}` }).where(eq(packages.id, ent.rowId)).returning({ usedAfter: packages.minutesUsed })
        : await tx.update(freeMinuteGrants).set({ minutesUsed: sql`${freeMinuteGrants.minutesUsed} + ${used.toFixed()}` }).where(eq(freeMinuteGrants.id, ent.rowId)).returning({ usedAfter: freeMinuteGrants.minutesUsed });
    if (row) levelChanges.push({ source: ent.source, rowId: ent.rowId, usedBefore: row.usedAfter.minus(used), usedAfter: row.usedAfter });
  }
  if (!total.isZero()) {
    // Reference `bill:<id>` and the bill's ledger_entry_id, in one step (lib/ledger/service.ts).
    await postLinkedLedgerEntry(tx, {
      accountId,
      kind: input.ledger.kind,
      amount: total.neg(),
      description: input.ledger.description(number),
      subject: { kind: 'bill', id: bill.id },
      idempotencyKey: input.ledger.idempotencyKey,
      at: now,
    });
  }
  return { billId: bill.id, billNumber: number, levelChanges };
}

/** Bill numbers from the account's counter row, in the bill's transaction (never count + 1). */
export async function nextBillNumber(tx: Transaction, accountId: string): Promise<string> {
  const [row] = await tx
    .update(accounts)
    .set({ billSeq: sql`${accounts.billSeq} + 1` })
    .where(eq(accounts.id, accountId))
    .returning({ seq: accounts.billSeq });
  if (!row) throw new Error('account vanished while numbering a bill');
  return `B${String(row.seq).padStart(6, '0')}`;
}

/** The next adjustment number of a period's bills (kind `adjustment` for a day, `monthly` for a month). */
export async function nextAdjustmentSeq(tx: Transaction, accountId: string, periodStart: LocalDate, kind: 'adjustment' | 'monthly'): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${bills.adjustmentSeq}), 0)::int` })
    .from(bills)
    .where(and(eq(bills.accountId, accountId), eq(bills.periodStart, periodStart), eq(bills.kind, kind)));
  return (row?.n ?? 0) + 1;
}
