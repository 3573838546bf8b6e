import { and, eq, sql } from 'drizzle-orm';
import { notify } from '@/lib/notices/notify';
import type { Database, Transaction } from '@/db/client';
import { bills, monthSettlements } from '@/db/schema';
import { createRater, getPriceBook, type PriceBook, type Rater, type UsageRecord } from '@/lib/rating';
import { aggregatePendingUsage, applyPendingAggregates } from '@/lib/usage/aggregates';
import { aggregateDayLock } from '@/lib/usage/compact';
import { daysOf } from '@/lib/usage/stats';
import { lockAccount } from '@/lib/ledger/service';
import { dec, quantize, sum } from '@/lib/money/decimal';
import { addDays, endOfLocalDay, lastDayOfMonth, startOfLocalDay, type LocalDate } from '@/lib/time/local-date';
import { roundsPerMonth } from '@/lib/bills/book-words';
import { diffBill, previousBilled } from './bill-diff';
import { clipToDay, DURATION_TYPES, MONTHLY_TYPES, type DayWindow } from './day-window';
import { loadPeriodEntitlements } from './entitlements';
import { rawSqlOf, type RawSql, type RawTx } from '@/db/raw';
import { CURSOR_ROWS } from './settle-day';
import { issueBill, nextAdjustmentSeq } from './issue-bill';

export type SettleMonthInput = {
  accountId: string;
  /** `YYYY-MM`. */
  month: string;
  /** The business instant (the job's due time on the account's clock). */
  now: Date;
  /** Safe usage watermark (raw.ts); records with id <= this are read. Default: every record the transaction sees. */
  throughId?: number;
  /** `monthly`: the month's bill on the 1st; `adjust`: late usage of a billed month. */
  mode?: 'monthly' | 'adjust';
  /**
   * Where a book rounding per month reads its durations: the aggregates kept at ingest
   * (issue 11, the default), or the raw records (the path before, kept to check both give
   * identical bills).
   */
  source?: 'aggregates' | 'records';
};

export type SettleMonthResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'no-usage'; month: string }
  | { outcome: 'no-change'; month: string; records: number }
  | {
      outcome: 'billed';
      month: string;
      kind: 'monthly' | 'adjustment';
      billId: string;
      billNumber: string;
      records: number;
      lines: number;
      amount: string;
      total: string;
      currency: string;
    };

/** Whether a book bills its durations on the month's bill: rating.md section 3, "rtv-cny rounds per SDKAppID per month". */
export { roundsPerMonth };

/** Record types the month's bill rates: the monthly items, plus every duration for a book rounding per month. */
export function monthTypes(book: PriceBook): readonly string[] {
  return roundsPerMonth(book) ? [...DURATION_TYPES, ...MONTHLY_TYPES] : MONTHLY_TYPES;
}

/**
 * The month's bill of `YYYY-MM`, issued on the 1st of the next month (lifecycle.md,
 * Settlement and bills; seed 003, Overdue: "a monthly consumption bill on the 1st day of
 * the next month"): the monthly items (rating.md section 2: relay peak, screenshots,
 * signalling) and, for a book that rounds per month (rtv-cny; seed 000 · Notes: "the
 * cumulative seconds within a billing cycle are converted into minutes"), every duration
 * of the month, with the packages valid in it deducted.
 *
 * The same guarantees as a daily bill: one `monthly` bill (seq 0) per account and month
 * (bills unique index; `month_settlements` primary key), a watermark of the records read,
 * late usage re-rates the whole month and bills the difference on a monthly adjustment
 * (kind `monthly`, seq 1, 2, ...), issued bills never change, each line explains itself.
 */
export async function settleMonth(tx: Transaction, input: SettleMonthInput): Promise<SettleMonthResult> {
  const { accountId, month, now } = input;
  const mode = input.mode ?? 'monthly';
  const account = await lockAccount(tx, accountId);
  if (account.status === 'reclaimed') return { outcome: 'skipped', reason: 'account reclaimed' };
  const first: LocalDate = `${month}-01`;
  const last = lastDayOfMonth(first);
  const book = getPriceBook(account.priceBookId);

  const [settled] = await tx
    .select()
    .from(monthSettlements)
    .where(and(eq(monthSettlements.accountId, accountId), eq(monthSettlements.month, first)))
    .for('update');
  if (mode === 'monthly') {
    if (settled) return { outcome: 'skipped', reason: `month ${month} already billed` };
    // A month billed before month_settlements existed.
    const [existing] = await tx
      .select({ id: bills.id })
      .from(bills)
      .where(and(eq(bills.accountId, accountId), eq(bills.kind, 'monthly'), eq(bills.periodStart, first), eq(bills.adjustmentSeq, 0)))
      .limit(1);
    if (existing) return { outcome: 'skipped', reason: `month ${month} already billed` };
  }
  let throughId = Math.max(input.throughId ?? (await visibleMaxId(tx, accountId)), settled?.lastUsageRecordId ?? 0);
  if (mode === 'adjust') {
    if (!settled) return { outcome: 'skipped', reason: `month ${month} is not billed yet; its bill will include the records` };
    if (settled.lastUsageRecordId >= throughId) return { outcome: 'skipped', reason: 'no usage above the month’s watermark' };
  }

  const perMonth = roundsPerMonth(book);
  const ents = perMonth ? await loadPeriodEntitlements(tx, accountId, first, last, first) : [];
  const rater = createRater({
    book,
    account: { registeredAt: account.registeredAt.toISOString() },
    entitlements: ents.map((e) => e.entitlement),
    explain: false,
  });
  let records = 0;
  if (perMonth && input.source === 'records') {
    records += await streamMonthRecords(tx, accountId, DURATION_TYPES, first, last, throughId, (r, id) => rater.add(r, id));
  } else if (perMonth) {
    // Issue 11: the month's durations from the aggregates kept at ingest (the days' partial or
    // compacted rows), not its raw records. Each day is compacted beside ingest under its
    // advisory lock (lib/usage/compact.ts) and a merged row may sum ids up to a watermark of its
    // own: the days are locked and the watermark raised to the highest merged row, as settleDay does.
    const days = daysOf(first, last);
    for (const day of days) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${aggregateDayLock(accountId, day)}, 0))`);
    const [merged] = await tx.execute<{ max: string | null }>(sql`
      select max(through_id)::text as max from usage_aggregates where account_id = ${accountId} and local_day between ${first} and ${last} and batch_id is null`);
    throughId = Math.max(throughId, Number(merged?.max ?? 0));
    records += await addMonthAggregates(rawSqlOf(tx), { accountId, book, first, last, throughId, pending: true }, rater);
  }
  // The monthly items (relay peaks add up across applications at each instant, rating.md section 2) from their records.
  records += await streamMonthRecords(tx, accountId, MONTHLY_TYPES, first, last, throughId, (r, id) => rater.add(r, id));

  const upsertSettlement = async (billDelta: number) => {
    await tx
      .insert(monthSettlements)
      .values({ accountId, month: first, lastUsageRecordId: throughId, recordCount: records, billCount: billDelta, settledAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [monthSettlements.accountId, monthSettlements.month],
        set: { lastUsageRecordId: throughId, recordCount: records, billCount: sql`${monthSettlements.billCount} + ${billDelta}`, updatedAt: now },
      });
  };
  if (records === 0 && mode === 'monthly') {
    await upsertSettlement(0);
    return { outcome: 'no-usage', month };
  }

  const result = rater.finish();
  const details = result.details.filter((d) => d.periodKind === 'month' && d.period === month);
  const prev = mode === 'adjust' ? await previousBilled(tx, accountId, { kind: 'month', first }) : null;
  const { lines, deductions, usedBy, amount } = diffBill({
    book,
    currency: result.currency,
    accountId,
    period: month,
    details,
    deductionDetails: result.deductionDetails,
    deductionDay: first,
    entById: new Map(ents.map((e) => [e.entitlement.id, e])),
    prev,
    periodWord: 'month',
  });
  const monthAmount = sum(details.map((d) => dec(d.amount)));
  const total = prev ? quantize(monthAmount).minus(prev.total) : quantize(amount);
  if (prev && lines.length === 0 && deductions.length === 0 && total.isZero()) {
    await upsertSettlement(0);
    return { outcome: 'no-change', month, records };
  }

  const adjustmentSeq = mode === 'monthly' ? 0 : await nextAdjustmentSeq(tx, accountId, first, 'monthly');
  const { billId, billNumber: number } = await issueBill(tx, {
    accountId,
    kind: 'monthly',
    periodStart: first,
    periodEnd: last,
    adjustmentSeq,
    currency: result.currency,
    priceBookId: book.id,
    diff: { lines, deductions, usedBy, amount },
    total,
    throughId,
    now,
    ents,
    ledger: {
      kind: 'monthly_charge',
      description: (n) => ({ key: adjustmentSeq === 0 ? (perMonth ? 'monthUsage' : 'monthItems') : 'late', params: { period: month, number: n } }),
      idempotencyKey: adjustmentSeq === 0 ? `monthly:${month}` : `monthly:${month}:adjustment:${adjustmentSeq}`,
    },
  });
  const bill = { id: billId };
  await upsertSettlement(1);
  // The monthly bill is told (daily bills: message center only, as the bills list) (lifecycle.md, Notices).
  await notify(tx, {
    kind: 'bill.monthly',
    accountId,
    subject: bill.id,
    occasion: month,
    at: now,
    facts: { billId: bill.id, billNumber: number, month, currency: account.currency, total: total.toFixed(2) },
  });
  return {
    outcome: 'billed',
    month,
    kind: adjustmentSeq === 0 ? 'monthly' : 'adjustment',
    billId: bill.id,
    billNumber: number,
    records,
    lines: lines.length,
    amount: amount.toFixed(),
    total: total.toFixed(2),
    currency: result.currency,
  };
}

/**
 * The month's records of `types`, clipped to the month: a duration that
 * starts on the last day of the month before and runs past midnight contributes its part
 * after midnight (rating.md section 3, split at local midnight), one that runs into the
 * next month is cut there. A cursor keeps memory flat.
 */
async function streamMonthRecords(
  tx: Transaction,
  accountId: string,
  types: readonly string[],
  first: LocalDate,
  last: LocalDate,
  throughId: number,
  onRecord: (record: UsageRecord, id: number) => void,
): Promise<number> {
  const window: DayWindow = { day: first, previousDay: addDays(first, -1), startMs: startOfLocalDay(first).getTime(), endMs: endOfLocalDay(last).getTime() };
  const monthStart = new Date(window.startMs).toISOString();
  const client = rawSqlOf(tx);
  const cursor = client<{ id: string; record: UsageRecord }[]>`
    select id, record from usage_records
    where account_id = ${accountId} and id <= ${throughId} and type in ${client(types as string[])}
      and (local_day between ${first} and ${last}
        or (local_day = ${window.previousDay} and seconds is not null and start + make_interval(secs => seconds) > ${monthStart}::timestamptz))
  `.cursor(CURSOR_ROWS);
  let n = 0;
  for await (const rows of cursor) {
    for (const row of rows) {
      const record = 'seconds' in row.record ? clipToDay(row.record, window) : row.record;
      if (!record) continue;
      onRecord(record, Number(row.id));
      n++;
    }
  }
  return n;
}

/**
 * Add the month's duration aggregates (issue 11) to the rater: every partial or compacted
 * row of the month's local days with ids up to the watermark, summed per (SDKAppID, day,
 * item) by PostgreSQL (windows summed per 5-minute window), so what crosses the wire follows
 * the applications and windows used, not the batches. The rater puts the days into their
 * month (lib/rating/duration-usage.ts). A record starting on the last day of the month
 * before counts from midnight, one running into the next month up to midnight (the day
 * pieces), as `clipToDay` cuts records. `pending`: first sum the records stored without
 * aggregates (in the caller's transaction, under the account lock). Returns the records counted.
 */
export async function addMonthAggregates(
  client: RawSql | RawTx,
  input: { accountId: string; book: PriceBook; first: LocalDate; last: LocalDate; throughId: number; pending: boolean },
  rater: Rater,
): Promise<number> {
  const { accountId, book, first, last, throughId } = input;
  if (input.pending) await applyPendingAggregates(client, accountId, book, throughId);
  const durations = book.items.filter((i) => i.unit === 'minute').map((i) => i.code);
  const before = rater.count;
  const split = (text: string | null) => (!text ? [] : text.split(',').map(Number));
  const cursor = client<{ sdk_app_id: string; local_day: string; item: string; seconds: string; records: string; day_records: string; carried: string; day_carried: string; windows: string | null; window_seconds: string | null; samples: string | null }[]>`
    with rows as (
      select sdk_app_id, local_day, item, seconds, records, day_records, carried, day_carried, windows, window_seconds, samples
      from usage_aggregates
      where account_id = ${accountId} and local_day between ${first} and ${last} and through_id <= ${throughId}
        and (item = '' or item in ${client(durations)})
    ),
    totals as (
      select sdk_app_id, local_day, item, sum(seconds) as seconds, sum(records) as records, sum(day_records) as day_records,
        sum(carried) as carried, sum(day_carried) as day_carried
      from rows group by sdk_app_id, local_day, item
    ),
    windows as (
      select sdk_app_id, local_day, item, string_agg(w::text, ',' order by w) as windows, string_agg(s::text, ',' order by w) as window_seconds
      from (select r.sdk_app_id, r.local_day, r.item, u.w, sum(u.s) as s from rows r cross join lateral unnest(r.windows, r.window_seconds) as u(w, s) group by 1, 2, 3, 4) x
      group by sdk_app_id, local_day, item
    ),
    samples as (
      select sdk_app_id, local_day, item, string_agg(id::text, ',' order by id) as samples
      from (
        select sdk_app_id, local_day, item, id, row_number() over (partition by sdk_app_id, local_day, item order by id) as n
        from (select distinct r.sdk_app_id, r.local_day, r.item, u.id from rows r cross join lateral unnest(r.samples) as u(id)) d
      ) y
      where n <= 5
      group by sdk_app_id, local_day, item
    )
    select t.sdk_app_id::text, t.local_day::text, t.item, t.seconds::text, t.records::text, t.day_records::text, t.carried::text, t.day_carried::text,
      w.windows, w.window_seconds, s.samples
    from totals t
      left join windows w using (sdk_app_id, local_day, item)
      left join samples s using (sdk_app_id, local_day, item)
  `.cursor(CURSOR_ROWS);
  for await (const rows of cursor) {
    for (const r of rows) {
      rater.addAggregate({
        app: Number(r.sdk_app_id),
        day: r.local_day,
        item: r.item,
        seconds: Number(r.seconds),
        records: Number(r.records),
        dayRecords: Number(r.day_records),
        carried: Number(r.carried),
        dayCarried: Number(r.day_carried),
        windows: split(r.windows),
        windowSeconds: split(r.window_seconds),
        samples: split(r.samples),
      });
    }
  }
  return rater.count - before;
}

async function visibleMaxId(tx: Transaction, accountId: string): Promise<number> {
  const rows = await rawSqlOf(tx)<{ max: string | null }[]>`select max(id) as max from usage_records where account_id = ${accountId}`;
  return Number(rows[0]?.max ?? 0);
}
export type MonthEstimateLine = { item: string; name: string; sdkAppId: number | null; usage: string; quantity: string; unit: string; unitPrice: string; per: number; amount: string };
export type MonthEstimate = {
  month: string;
  /** The local day the estimate runs through (the account's today). */
  through: LocalDate;
  records: number;
  currency: string;
  lines: MonthEstimateLine[];
  /** Exact sum of the lines, and the bill's total rounded half-up to the cent (rating.md §5). */
  amount: string;
  total: string;
};

/**
 * The month so far, as an estimate (issue 12 item 2): the month's records up to now rated
 * by lib/rating exactly as `settleMonth` will rate them on the 1st (the same records, month
 * clipping, rounding per month and packages valid in the month), but read only: nothing is
 * written, nothing locked, and it is never a bill. Usage still to come, and late records,
 * change the bill; pages say so.
 */
export async function estimateMonth(db: Database, input: { accountId: string; priceBookId: string; registeredAt: Date; month: string; today: LocalDate }): Promise<MonthEstimate> {
  const book = getPriceBook(input.priceBookId);
  const first: LocalDate = `${input.month}-01`;
  const last = lastDayOfMonth(first);
  if (roundsPerMonth(book)) await aggregatePendingUsage(rawSqlOf(db), input.accountId);
  return db.transaction(
    async (tx) => {
      const ents = roundsPerMonth(book) ? await loadPeriodEntitlements(tx, input.accountId, first, last, first, { lock: false }) : [];
      const rater = createRater({ book, account: { registeredAt: input.registeredAt.toISOString() }, entitlements: ents.map((e) => e.entitlement), explain: false });
      const throughId = await visibleMaxId(tx, input.accountId);
      // As settleMonth reads them: durations from the aggregates (summed for every stored batch
      // by aggregatePendingUsage above), the monthly items from their records.
      let records = roundsPerMonth(book) ? await addMonthAggregates(rawSqlOf(tx), { accountId: input.accountId, book, first, last, throughId, pending: false }, rater) : 0;
      records += await streamMonthRecords(tx, input.accountId, MONTHLY_TYPES, first, last, throughId, (r, id) => rater.add(r, id));
      const names = new Map(book.items.map((i) => [i.code, i]));
      const details = records === 0 ? [] : rater.finish().details.filter((d) => d.periodKind === 'month' && d.period === input.month);
      const amount = sum(details.map((d) => dec(d.amount)));
      return {
        month: input.month,
        through: input.today,
        records,
        currency: book.currency,
        lines: details.map((d) => ({
          item: d.item,
          name: names.get(d.item)?.name ?? d.item,
          sdkAppId: d.app,
          usage: d.usage,
          quantity: d.quantity,
          unit: names.get(d.item)?.unit ?? '',
          unitPrice: d.unitPrice,
          per: d.per,
          amount: d.amount,
        })),
        amount: amount.toFixed(),
        total: quantize(amount).toFixed(2),
      };
    },
    { accessMode: 'read only' },
  );
}
