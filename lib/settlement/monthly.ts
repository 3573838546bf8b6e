import { and, eq } from 'drizzle-orm';
import { notify } from '@/lib/notices/notify';
import type { Transaction } from '@/db/client';
import { billLines, bills } from '@/db/schema';
import { createRater, getPriceBook, type UsageRecord } from '@/lib/rating';
import { lockAccount, postLedgerEntry } from '@/lib/ledger/service';
import { dec, quantize, sum } from '@/lib/money/decimal';
import { lastDayOfMonth, type LocalDate } from '@/lib/time/local-date';
import { MONTHLY_TYPES } from './day-window';
import { rawClient } from './raw';
import { CURSOR_ROWS, lineRow, nextBillNumber } from './settle-day';

export type SettleMonthResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'no-usage'; month: string }
  | { outcome: 'billed'; month: string; billId: string; billNumber: string; records: number; lines: number; amount: string; total: string; currency: string };

/**
 * Monthly items (rating.md section 2: relay peak per target, screenshots, signalling) of
 * month `YYYY-MM`, billed on the 1st of the next month (lifecycle.md, Settlement and bills;
 * seed 003, Overdue: "a monthly consumption bill on the 1st day of the next month").
 * One `monthly` bill per account per month (unique index); nothing when the month had none.
 */
export async function settleMonth(tx: Transaction, input: { accountId: string; month: string; now: Date }): Promise<SettleMonthResult> {
  const { accountId, month, now } = input;
  const account = await lockAccount(tx, accountId);
  if (account.status === 'reclaimed') return { outcome: 'skipped', reason: 'account reclaimed' };
  const first: LocalDate = `${month}-01`;
  const last = lastDayOfMonth(first);
  const [existing] = await tx
    .select({ id: bills.id })
    .from(bills)
    .where(and(eq(bills.accountId, accountId), eq(bills.kind, 'monthly'), eq(bills.periodStart, first), eq(bills.adjustmentSeq, 0)))
    .limit(1);
  if (existing) return { outcome: 'skipped', reason: `month ${month} already billed` };

  const book = getPriceBook(account.priceBookId);
  const rater = createRater({ book, account: { registeredAt: account.registeredAt.toISOString() }, explain: false });
  const client = rawClient(tx);
  const cursor = client<{ id: string; record: UsageRecord }[]>`
    select id, record from usage_records
    where account_id = ${accountId} and type in ${client(MONTHLY_TYPES as unknown as string[])} and local_day between ${first} and ${last}
  `.cursor(CURSOR_ROWS);
  for await (const rows of cursor) for (const r of rows) rater.add(r.record, Number(r.id));
  if (rater.count === 0) return { outcome: 'no-usage', month };

  const result = rater.finish();
  const details = result.details.filter((d) => d.periodKind === 'month' && d.period === month);
  const lines = details.map((d) => lineRow(book, result.currency, accountId, d, { usage: dec(d.usage), quantity: dec(d.quantity), amount: dec(d.amount) }, null));
  const amount = sum(lines.map((l) => l.amount));
  const total = quantize(amount);
  const number = await nextBillNumber(tx, accountId);
  const [bill] = await tx
    .insert(bills)
    .values({ accountId, number, kind: 'monthly', periodStart: first, periodEnd: last, currency: result.currency, priceBookId: book.id, amount, total, issuedAt: now })
    .returning({ id: bills.id });
  if (!bill) throw new Error('bill insert returned no row');
  if (lines.length) await tx.insert(billLines).values(lines.map((l) => ({ ...l, billId: bill.id })));
  if (!total.isZero()) {
    const { entry } = await postLedgerEntry(tx, {
      accountId,
      kind: 'monthly_charge',
      amount: total.neg(),
      description: `Monthly items of ${month} (bill ${number})`,
      reference: `bill:${bill.id}`,
      idempotencyKey: `monthly:${month}`,
      at: now,
    });
    await tx.update(bills).set({ ledgerEntryId: entry.id }).where(eq(bills.id, bill.id));
  }
  // The monthly bill is told (daily bills: message center only, as the bills list) (lifecycle.md, Notices).
  await notify(tx, {
    kind: 'bill.monthly',
    accountId,
    subject: bill.id,
    occasion: month,
    at: now,
    facts: { billId: bill.id, billNumber: number, month, currency: account.currency, total: total.toFixed(2) },
  });
  return { outcome: 'billed', month, billId: bill.id, billNumber: number, records: rater.count, lines: lines.length, amount: amount.toFixed(), total: total.toFixed(2), currency: result.currency };
}
