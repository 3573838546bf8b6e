import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { daySettlements } from '@/db/schema';
import { classifyRecord, createRater, getPriceBook, type PriceBook, type Rater, type RatingResult, type UsageRecord } from '@/lib/rating';
import { applyPendingAggregates } from '@/lib/usage/aggregates';
import { addSamples, addWindowPairs, aggregateDayLock, WINDOWS_PER_DAY } from '@/lib/usage/compact';
import { lockAccount } from '@/lib/ledger/service';
import { dec, quantize } from '@/lib/money/decimal';
import { endOfLocalDay, type LocalDate } from '@/lib/time/local-date';
import { notifyUsageLevels } from '@/lib/notices/usage-levels';
import { stopExhaustedFreeApps } from '@/lib/enforcement/free-edition';
import { diffBill, previousBilled } from './bill-diff';
import { clipToDay, dayWindow, DURATION_TYPES } from './day-window';
import { loadDayEntitlements } from './entitlements';
import { issueBill, nextAdjustmentSeq } from './issue-bill';
import { rawSqlOf } from '@/db/raw';

export { lineRow } from './bill-diff';
export { nextBillNumber } from './issue-bill';

/** Rows per cursor fetch: large enough to amortise round trips, small enough to keep memory flat. */
export const CURSOR_ROWS = 5_000;

/**
 * Windows read on a settlement's first pass (the day's first half hour; see settleDay): a day
 * whose entitlements run out by then (an account with much usage) is rated from these alone;
 * otherwise the rest are added to the same sums.
 */
export const FIRST_WINDOWS = 6;

export type SettleDayInput = {
  accountId: string;
  day: LocalDate;
  /** The business instant of the settlement (the job's due time on the account's clock). */
  now: Date;
  /** Safe usage watermark: records with id <= this are read (see raw.ts). */
  throughId: number;
  /** `daily`: the first settlement of the day; `adjust`: late usage on a settled day. */
  mode: 'daily' | 'adjust';
  /**
   * Where the day's usage is read from: the aggregates kept at ingest (issue 11, the
   * default), or the raw records streamed through the rater (the path before, kept to
   * check that both settle a day to identical bills).
   */
  source?: 'aggregates' | 'records';
  /** Milliseconds per phase (wall, and this process's CPU), added up here when given (scripts/bench-settle.ts reports them). */
  timings?: Record<string, number>;
};

export type SettleDayResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'no-usage'; day: LocalDate }
  | { outcome: 'no-change'; day: LocalDate; records: number }
  | {
      outcome: 'billed';
      day: LocalDate;
      billId: string;
      billNumber: string;
      kind: 'daily' | 'adjustment';
      records: number;
      lines: number;
      amount: string;
      total: string;
      currency: string;
      freeExhaustedApps: number[];
    };


/**
 * Settle one local day of one account (lifecycle.md, Settlement and bills), in the
 * caller's transaction, so the bill, its lines, the entitlement deductions, the minutes
 * used and the ledger entry commit together or not at all:
 * 1. lock the account (serialises everything that moves its money);
 * 2. stream the day's usage with a cursor through `createRater` (lib/rating), clipped
 *    to the day (day-window.ts), with the entitlements valid on the day (rating.md section 4:
 *    free minutes, then narrower scope, then sooner expiry, then earlier purchase);
 * 3. write one bill with a line per (application, item) and its explanation, the
 *    deductions each entitlement gave, and charge the total through `postLedgerEntry`.
 * The day_settlements primary key and the bills unique index make a second run change
 * nothing. Late usage (records above the day's watermark) re-rates the whole day and
 * bills the difference on an adjustment bill; issued bills never change.
 */
export async function settleDay(tx: Transaction, input: SettleDayInput): Promise<SettleDayResult> {
  const { accountId, day, now, mode } = input;
  const phase = phaseTimer(input.timings);
  const account = await lockAccount(tx, accountId);
  if (account.status === 'reclaimed') return { outcome: 'skipped', reason: 'account reclaimed' };
  const book = getPriceBook(account.priceBookId);
  // rating.md section 3: rtv-cny rounds per month, so its durations go on the month's bill (monthly.ts).
  if (book.rounding.period !== 'day') return { outcome: 'skipped', reason: `price book ${book.id} rounds per ${book.rounding.period}: its usage is billed on the month's bill` };

  const [settled] = await tx
    .select()
    .from(daySettlements)
    .where(and(eq(daySettlements.accountId, accountId), eq(daySettlements.localDay, day)))
    .for('update');
  if (mode === 'daily' && settled) return { outcome: 'skipped', reason: `day ${day} already settled` };
  if (mode === 'adjust') {
    if (!settled) return { outcome: 'skipped', reason: `day ${day} is not settled yet; its settlement will include the records` };
    if (settled.lastUsageRecordId >= input.throughId) return { outcome: 'skipped', reason: 'no usage above the day’s watermark' };
  }
  // The day's aggregates are compacted beside ingest under this lock (lib/usage/compact.ts);
  // a merged row sums batches up to a safe watermark of its own, which may be above this
  // settlement's: the watermark is raised to it, so no merged row is left out.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${aggregateDayLock(accountId, day)}, 0))`);
  const [merged] = await tx.execute<{ max: string | null }>(sql`
    select max(through_id)::text as max from usage_aggregates where account_id = ${accountId} and local_day = ${day} and batch_id is null`);
  const throughId = Math.max(input.throughId, settled?.lastUsageRecordId ?? 0, Number(merged?.max ?? 0));

  phase('lock');
  const ents = await loadDayEntitlements(tx, accountId, day);
  phase('entitlements');
  const newRater = () => createRater({
    book,
    account: { registeredAt: account.registeredAt.toISOString() },
    entitlements: ents.map((e) => e.entitlement),
    explain: false,
  });
  const rater = newRater();
  // Record pieces per (app, item) above the watermark the day was billed at: what an adjustment's explanation calls late.
  const late = new Map<string, number>();
  const billedThrough = settled?.lastUsageRecordId ?? null;
  let records: number;
  let result: RatingResult | null = null;
  if (input.source === 'records') {
    records = await streamDayRecords(tx, accountId, day, throughId, (record, id) => {
      rater.add(record, id);
      if (billedThrough !== null && id > billedThrough) for (const p of classifyRecord(book, record)) late.set(`${p.app}|${p.item}`, (late.get(`${p.app}|${p.item}`) ?? 0) + 1);
    });
  } else {
    // The 5-minute windows only serve the deduction (rating.md section 4), which walks them in
    // time order and stops once every entitlement is used up. So the day is rated first with
    // its early windows only (none without entitlements): when the walk ended within them,
    // the later windows could not change the bill; otherwise the later windows are added to
    // the same sums (windows only: seconds, records and samples are in already) and it is
    // rated again, exactly as if every window had been read at once.
    records = await addDayAggregates(tx, accountId, book, day, throughId, billedThrough, rater, late, { windows: ents.length ? [0, FIRST_WINDOWS] : [0, 0] });
    if (ents.length) {
      phase('read');
      result = rater.finish();
      phase('rate');
      if (!rater.deductionsExhausted) {
        await addDayAggregates(tx, accountId, book, day, throughId, billedThrough, rater, late, { windows: [FIRST_WINDOWS, null], windowsOnly: true });
        phase('read');
        result = null;
      }
    }
  }

  const upsertSettlement = async (billDelta: number) => {
    await tx
      .insert(daySettlements)
      .values({ accountId, localDay: day, lastUsageRecordId: throughId, recordCount: records, billCount: billDelta, settledAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [daySettlements.accountId, daySettlements.localDay],
        set: { lastUsageRecordId: throughId, recordCount: records, billCount: sql`${daySettlements.billCount} + ${billDelta}`, updatedAt: now },
      });
  };

  if (records === 0 && mode === 'daily') {
    await upsertSettlement(0);
    return { outcome: 'no-usage', day };
  }

  phase('read');
  result ??= rater.finish();
  phase('rate');
  const details = result.details.filter((d) => d.periodKind === 'day' && d.period === day);
  const prev = mode === 'adjust' ? await previousBilled(tx, accountId, { kind: 'day', day }) : null;
  const entById = new Map(ents.map((e) => [e.entitlement.id, e]));
  const { lines, deductions, usedBy, amount } = diffBill({
    book,
    currency: result.currency,
    accountId,
    period: day,
    details,
    deductionDetails: result.deductionDetails,
    deductionDay: day,
    entById,
    prev,
    periodWord: 'day',
    late,
  });

  phase('diff');
  const total = prev ? quantize(dec(result.amount)).minus(prev.total) : quantize(amount);
  if (prev && lines.length === 0 && deductions.length === 0 && total.isZero()) {
    await upsertSettlement(0);
    return { outcome: 'no-change', day, records };
  }

  const kind = mode === 'daily' ? 'daily' : 'adjustment';
  const adjustmentSeq = mode === 'daily' ? 0 : await nextAdjustmentSeq(tx, accountId, day, 'adjustment');
  const { billId, billNumber: number, levelChanges } = await issueBill(tx, {
    accountId,
    kind,
    periodStart: day,
    periodEnd: day,
    adjustmentSeq,
    currency: result.currency,
    priceBookId: book.id,
    diff: { lines, deductions, usedBy, amount },
    total,
    throughId,
    now,
    ents,
    ledger: {
      kind: 'daily_charge',
      description: (n) => ({ key: kind === 'daily' ? 'daily' : 'late', params: { period: day, number: n } }),
      idempotencyKey: kind === 'daily' ? `settle:${day}` : `settle:${day}:adjustment:${adjustmentSeq}`,
    },
  });
  phase('issue');
  await upsertSettlement(1);
  // Usage levels are checked when settlement deducts; the notice says "as of" the day's end (lifecycle.md, Notices).
  await notifyUsageLevels(tx, accountId, levelChanges, endOfLocalDay(day), now);
  const freeExhaustedApps = await stopExhaustedFreeApps(tx, accountId, day, now);
  phase('after');

  return {
    outcome: 'billed',
    day,
    billId,
    billNumber: number,
    kind,
    records,
    lines: lines.length,
    amount: amount.toFixed(),
    total: total.toFixed(2),
    currency: result.currency,
    freeExhaustedApps,
  };
}

/** A stopwatch adding the time since its last call to `timings[name]` and this process's CPU time to `timings[name + 'Cpu']`, in ms (nothing when no record is given). */
function phaseTimer(timings: Record<string, number> | undefined): (name: string) => void {
  if (!timings) return () => {};
  let last = performance.now();
  let cpu = process.cpuUsage();
  return (name) => {
    const t = performance.now();
    timings[name] = Math.round(((timings[name] ?? 0) + (t - last)) * 10) / 10;
    last = t;
    const c = process.cpuUsage(cpu);
    timings[`${name}Cpu`] = Math.round(((timings[`${name}Cpu`] ?? 0) + (c.user + c.system) / 1000) * 10) / 10;
    cpu = process.cpuUsage();
  };
}

/**
 * Add day D's aggregates (issue 11) to the rater: the partial rows every stored batch wrote
 * for the day (a record crossing midnight already split, lib/rating/day-aggregates.ts) with
 * ids up to the watermark, after summing any records stored without them
 * (lib/usage/aggregates.ts). The cost follows the number of partial rows, not records.
 * Returns the day's duration records, as `streamDayRecords` counts them.
 */
export async function addDayAggregates(
  tx: Transaction,
  accountId: string,
  book: PriceBook,
  day: LocalDate,
  throughId: number,
  billedThrough: number | null,
  rater: Rater,
  late: Map<string, number>,
  options: {
    /** The local windows read, [from, before) (before null: to the day's end); every window when absent. */
    windows?: [number, number | null];
    /** Add only the windows (the rows' seconds, records and samples were added by an earlier call). */
    windowsOnly?: boolean;
  } = {},
): Promise<number> {
  const client = rawSqlOf(tx);
  if (!options.windowsOnly) await applyPendingAggregates(client, accountId, book, throughId);
  const durations = new Set(book.items.filter((i) => i.unit === 'minute').map((i) => i.code));
  durations.add('');
  const before = rater.count;
  // Window numbers are ascending and distinct in every row (DayAggregate.windows, lib/rating/day-aggregates.ts;
  // compaction keeps them so), so the windows before K are a row's first width_bucket(K - 1, windows)
  // entries (a binary search): a range of windows is a slice of both arrays, not an unnest of
  // every row's windows (up to 288 on a compacted row).
  const [from, until] = options.windows ?? [0, null];
  const first = from === 0 ? client`1` : client`width_bucket(${from - 1}::smallint, a.windows) + 1`;
  const last = until === null ? client`${WINDOWS_PER_DAY}::int` : client`width_bucket(${until - 1}::smallint, a.windows)`;
  // Each row's slice as text, in a subquery the planner keeps (OFFSET 0): the sort under the
  // GROUP BY then carries the short slices, not the rows' whole arrays (up to 288 windows each:
  // 5,000 compacted rows spilled 7 MB to disk and took 40 ms; 15 ms this way, issue 11).
  const windows =
    until !== null && until <= from
      ? client`''::text`
      : from === 0 && until === null
        ? client`a.windows::text || a.window_seconds::text`
        : client`a.windows[${first}:${last}]::text || a.window_seconds[${first}:${last}]::text`;
  // The database sums the day's rows per (SDKAppID, item, billed or late): the partial rows of
  // every batch (hundreds of thousands before compaction) arrive as one row per key, their
  // window and sample arrays as one text each, summed here as compaction sums them. The rows
  // are taken as the server sends them (forEach), not fetched by a cursor: each is rated while
  // the server computes the next ones (a cursor's FETCH waits for a whole batch, then the
  // server waits for the next FETCH); one row per key keeps memory flat for any day size.
  const sums = new Float64Array(WINDOWS_PER_DAY);
  const has = new Uint8Array(WINDOWS_PER_DAY);
  await client<{ sdk_app_id: string; item: string; late: boolean; seconds: string; records: string; day_records: string; windows: string; samples: string }[]>`
    select a.sdk_app_id::text as sdk_app_id, a.item, a.late, sum(a.seconds)::text as seconds, sum(a.records)::text as records,
      sum(a.day_records)::text as day_records, string_agg(a.windows, '') as windows, string_agg(a.samples, '') as samples
    from (
      select a.sdk_app_id, a.item, ${billedThrough ?? 0}::bigint < a.through_id as late, a.seconds, a.records, a.day_records,
        ${windows} as windows, a.samples::text as samples
      from usage_aggregates a
      where a.account_id = ${accountId} and a.local_day = ${day} and a.through_id <= ${throughId}
      offset 0
    ) a
    group by a.sdk_app_id, a.item, a.late
  `.forEach((r) => {
    if (!durations.has(r.item)) return;
    const app = Number(r.sdk_app_id);
    const ws: number[] = [];
    const wss: number[] = [];
    if (r.windows) {
      sums.fill(0);
      has.fill(0);
      addWindowPairs(r.windows, sums, has);
      for (let w = 0; w < WINDOWS_PER_DAY; w++) {
        if (!has[w]) continue;
        ws.push(w);
        wss.push(sums[w] as number);
      }
    }
    if (options.windowsOnly) {
      if (ws.length) rater.addAggregate({ app, day, item: r.item, seconds: 0, records: 0, dayRecords: 0, windows: ws, windowSeconds: wss, samples: [] });
      return;
    }
    const samples: number[] = [];
    addSamples(r.samples, samples);
    const records = Number(r.records);
    rater.addAggregate({ app, day, item: r.item, seconds: Number(r.seconds), records, dayRecords: Number(r.day_records), windows: ws, windowSeconds: wss, samples });
    if (billedThrough !== null && r.item !== '' && r.late) late.set(`${app}|${r.item}`, (late.get(`${app}|${r.item}`) ?? 0) + records);
  });
  return rater.count - before;
}

/**
 * Stream the usage records of day D through `onRecord`, clipped to D: the day's records
 * and the day before's that run past midnight, with ids up to the watermark. A server-side
 * cursor in the settlement's own transaction keeps memory flat for any day size.
 *
 * (COPY ... TO STDOUT streams about 1.4x faster, but postgres.js can leave the socket
 * paused when a COPY ends while its stream buffer is full, which hangs the transaction's
 * next query; the cursor has no such edge.)
 */
export async function streamDayRecords(
  tx: Transaction,
  accountId: string,
  day: LocalDate,
  throughId: number,
  onRecord: (record: UsageRecord, id: number) => void,
): Promise<number> {
  const w = dayWindow(day);
  const client = rawSqlOf(tx);
  const dayStart = new Date(w.startMs).toISOString();
  let n = 0;
  const cursor = client<{ id: string; record: UsageRecord }[]>`
    select id, record from usage_records
    where account_id = ${accountId} and id <= ${throughId} and type in ${client(DURATION_TYPES as unknown as string[])}
      and (local_day = ${day} or (local_day = ${w.previousDay} and start + make_interval(secs => seconds) > ${dayStart}::timestamptz))
  `.cursor(CURSOR_ROWS);
  for await (const rows of cursor) {
    for (const row of rows) {
      const clipped = clipToDay(row.record, w);
      if (!clipped) continue;
      onRecord(clipped, Number(row.id));
      n++;
    }
  }
  return n;
}
