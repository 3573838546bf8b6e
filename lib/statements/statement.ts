import { and, asc, desc, eq, gte, lt, lte } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { bills, ledgerEntries, type LedgerKind } from '@/db/schema';
import { LEDGER_KIND_LABEL } from '@/lib/ledger/queries';
import { dec, ZERO, type Decimal } from '@/lib/money/decimal';
import { endOfLocalDay, lastDayOfMonth, startOfLocalDay, type LocalDate } from '@/lib/time/local-date';

/**
 * A monthly statement (issue 14 item 3): the account, the period (a local month,
 * Asia/Shanghai), the bills of the period (those whose period starts in the month, as on
 * the bills page with that month chosen), the payments (top-ups and refunds posted in the
 * month), every other balance change, and the balance at the start and end of the month.
 * The balance lines add up: opening + every ledger entry of the month = closing (the
 * ledger is the only way the balance changes, lifecycle.md Account).
 */
export type StatementBill = { number: string; kind: 'daily' | 'monthly' | 'adjustment'; periodStart: string; periodEnd: string; issuedAt: Date; amount: Decimal; total: Decimal };
export type StatementEntry = { at: Date; kind: LedgerKind; kindLabel: string; description: string; descriptionKey: string | null; descriptionParams: unknown; reference: string | null; amount: Decimal; balanceAfter: Decimal };

export type Statement = {
  account: { id: string; name: string; email: string; currency: 'USD' | 'CNY' };
  month: string;
  from: LocalDate;
  to: LocalDate;
  bills: StatementBill[];
  /** Sum of the bills' totals (each half-up to 2 decimals). */
  billsTotal: Decimal;
  payments: StatementEntry[];
  paymentsTotal: Decimal;
  /** Bill charges, package purchases, renewals, adjustments posted in the month. */
  otherEntries: StatementEntry[];
  otherTotal: Decimal;
  opening: Decimal;
  closing: Decimal;
};

const PAYMENT_KINDS: readonly LedgerKind[] = ['top_up', 'refund'];

export async function loadStatement(db: DbOrTx, account: Statement['account'], month: string): Promise<Statement> {
  const from = `${month}-01`;
  const to = lastDayOfMonth(from);
  const start = startOfLocalDay(from);
  const end = endOfLocalDay(to);
  const [billRows, entries, [before]] = await Promise.all([
    db
      .select({ number: bills.number, kind: bills.kind, periodStart: bills.periodStart, periodEnd: bills.periodEnd, issuedAt: bills.issuedAt, amount: bills.amount, total: bills.total })
      .from(bills)
      .where(and(eq(bills.accountId, account.id), gte(bills.periodStart, from), lte(bills.periodStart, to)))
      .orderBy(asc(bills.periodStart), asc(bills.adjustmentSeq), asc(bills.number)),
    db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.accountId, account.id), gte(ledgerEntries.at, start), lt(ledgerEntries.at, end)))
      .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id)),
    db
      .select({ balanceAfter: ledgerEntries.balanceAfter })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.accountId, account.id), lt(ledgerEntries.at, start)))
      .orderBy(desc(ledgerEntries.at), desc(ledgerEntries.id))
      .limit(1),
  ]);
  const asEntry = (e: (typeof entries)[number]): StatementEntry => ({
    at: e.at,
    kind: e.kind,
    kindLabel: LEDGER_KIND_LABEL[e.kind],
    description: e.description,
    descriptionKey: e.descriptionKey,
    descriptionParams: e.descriptionParams,
    reference: e.reference,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
  });
  const payments = entries.filter((e) => PAYMENT_KINDS.includes(e.kind)).map(asEntry);
  const otherEntries = entries.filter((e) => !PAYMENT_KINDS.includes(e.kind)).map(asEntry);
  const sum = (xs: readonly { amount: Decimal }[]) => xs.reduce((s, x) => s.plus(x.amount), ZERO);
  const opening = before ? dec(before.balanceAfter) : ZERO;
  const closing = entries.length ? dec((entries.at(-1) as (typeof entries)[number]).balanceAfter) : opening;
  return {
    account,
    month,
    from,
    to,
    bills: billRows,
    billsTotal: billRows.reduce((s, b) => s.plus(b.total), ZERO),
    payments,
    paymentsTotal: sum(payments),
    otherEntries,
    otherTotal: sum(otherEntries),
    opening,
    closing,
  };
}
