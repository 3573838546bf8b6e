import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RawSql } from '@/db/raw';
import { AGGREGATE_COPY_COLUMNS, aggregateCopyLine } from './store';
import { log } from '@/lib/log';

/**
 * Compaction of a day's aggregates (issue 11; the merges of OpenMeter's ClickHouse tables,
 * Orb's rollups): the partial rows every batch added to one (account, local day) are
 * replaced by one row per (SDKAppID, item), so what settlement reads stops growing with the
 * number of batches. Runs beside ingest, never blocks it:
 * - only rows at or below a safe usage watermark are merged (every batch up to it has
 *   committed; batches still in flight have higher ids and are left alone);
 * - rows above and below the day's billed watermark are kept apart, so an adjustment still
 *   tells the late records from the billed ones;
 * - merged rows have no batch (`batch_id` null) and keep the highest id they sum; settlement
 *   reads a day under the same advisory lock and raises its watermark to the highest merged
 *   id (lib/settlement/settle-day.ts), so a merge between the settlement's watermark and its
 *   read never hides a row.
 * Summing is exact: seconds, counts and windows add, peaks take the maximum, samples keep
 * the lowest ids. The database sums the scalars per key (a hash aggregate) and hands each
 * key's window and sample arrays over as one text; they are summed here into dense arrays.
 */
export const aggregateDayLock = (accountId: string, day: string) => `usage-aggregates:${accountId}:${day}`;

type Merged = {
  app: string;
  item: string;
  throughId: string;
  seconds: string;
  quantity: string;
  peak: string;
  records: string;
  dayRecords: string;
  carried: string;
  dayCarried: string;
  /** Seconds per local window (0..287) and which windows any row named (dense: no map per window). */
  windowSeconds: Float64Array;
  hasWindow: Uint8Array;
  /** The lowest record ids, ascending, at most SAMPLES. */
  samples: number[];
};

/** Sample record ids kept per row (the rater's default sampleSize). */
export const SAMPLES = 5;
/** 5-minute windows of a local day (rating.md section 4; WINDOWS_PER_DAY of lib/rating/duration-usage.ts). */
export const WINDOWS_PER_DAY = 288;
const scratch = new Int32Array(WINDOWS_PER_DAY);

function unexpected(text: string, at: number): Error {
  return new Error(`usage_aggregates: unexpected window list near ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`);
}

/**
 * Add the windows of a key's rows, as PostgreSQL writes each row's two arrays one after the
 * other ('{3,4,5}{60,300,12}{7}{30}'), into dense sums per local window (`seconds`, and `has`
 * marks the windows named): one pass over the characters, no split and no array per row (a
 * day of 1,000 applications has ~400,000 partial rows). Settlement reads a day the same way.
 */
export function addWindowPairs(text: string, seconds: Float64Array, has: Uint8Array): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) !== 123) throw unexpected(text, i);
    i++;
    let k = 0;
    if (text.charCodeAt(i) === 125) i++;
    else
      for (let w = 0; ; i++) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 125) {
          if (!(w < WINDOWS_PER_DAY) || k === WINDOWS_PER_DAY) throw unexpected(text, i);
          scratch[k++] = w;
          w = 0;
          if (c === 125) {
            i++;
            break;
          }
        } else if (c >= 48 && c <= 57) w = w * 10 + (c - 48);
        else throw unexpected(text, i);
      }
    if (text.charCodeAt(i) !== 123) throw unexpected(text, i);
    i++;
    let j = 0;
    if (text.charCodeAt(i) === 125) i++;
    else
      for (let s = 0; ; i++) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 125) {
          if (j >= k) throw unexpected(text, i);
          const w = scratch[j++] as number;
          seconds[w] = (seconds[w] as number) + s;
          has[w] = 1;
          s = 0;
          if (c === 125) {
            i++;
            break;
          }
        } else if (c >= 48 && c <= 57) s = s * 10 + (c - 48);
        else throw unexpected(text, i);
      }
    if (j !== k) throw unexpected(text, i);
  }
}

/** Keep in `list` (ascending) the lowest SAMPLES distinct ids of it and of the rows' sample arrays ('{4,9}{12}{}'). */
export function addSamples(text: string, list: number[]): void {
  let id = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      id = (id < 0 ? 0 : id * 10) + (c - 48);
      continue;
    }
    if (c !== 44 && c !== 123 && c !== 125) throw unexpected(text, i);
    if (id < 0) continue;
    if (!(list.length === SAMPLES && id >= (list[SAMPLES - 1] as number))) {
      let k = 0;
      while (k < list.length && (list[k] as number) < id) k++;
      if (list[k] !== id) {
        list.splice(k, 0, id);
        if (list.length > SAMPLES) list.pop();
      }
    }
    id = -1;
  }
}

export type CompactResult = { rowsBefore: number; rowsAfter: number; throughId: number };

/** A safe usage watermark on a postgres.js client (lib/settlement/raw.ts explains the SHARE lock). */
async function watermark(sql: RawSql): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`set local lock_timeout = '30s'`;
    await tx`lock table usage_records in share mode`;
    const [row] = await tx<{ max: string | null }[]>`select max(id)::text as max from usage_records`;
    return Number(row?.max ?? 0);
  });
}

export async function compactDay(sql: RawSql, accountId: string, day: string, options: { minRows?: number } = {}): Promise<CompactResult> {
  const throughId = await watermark(sql);
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${aggregateDayLock(accountId, day)}, 0))`;
    const [settled] = await tx<{ through: string }[]>`
      select last_usage_record_id::text as through from day_settlements where account_id = ${accountId} and local_day = ${day}`;
    const billedThrough = settled ? Number(settled.through) : null;
    // Rows and keys (a hash aggregate: count(distinct (…)) sorted the rows, 6x slower on 400,000).
    const [count] = await tx<{ n: number; keys: number }[]>`
      select coalesce(sum(n), 0)::int as n, count(*)::int as keys from (
        select count(*) as n from usage_aggregates where account_id = ${accountId} and local_day = ${day} and through_id <= ${throughId}
        group by sdk_app_id, item, ${billedThrough ?? 0}::bigint < through_id) k`;
    const rowsBefore = count?.n ?? 0;
    // Nothing to gain when every key already has one row (or too few rows to bother).
    if (rowsBefore === 0 || rowsBefore === count?.keys || rowsBefore < (options.minRows ?? 2)) return { rowsBefore, rowsAfter: rowsBefore, throughId };

    // Scalars are summed by the database, per (SDKAppID, item, billed or late); each row's window
    // and sample arrays come as text, concatenated per key, and are summed here.
    const merged: Merged[] = [];
    const cursor = tx<{ sdk_app_id: string; item: string; through_id: string; seconds: string; quantity: string; peak: string; records: string; day_records: string; carried: string; day_carried: string; windows: string; samples: string }[]>`
      select sdk_app_id::text, item, max(through_id)::text as through_id, sum(seconds)::text as seconds, sum(quantity)::text as quantity, max(peak_kbps)::text as peak,
        sum(records)::text as records, sum(day_records)::text as day_records, sum(carried)::text as carried, sum(day_carried)::text as day_carried,
        string_agg(windows::text || window_seconds::text, '') as windows, string_agg(samples::text, '') as samples,
        ${billedThrough ?? 0}::bigint < through_id as late
      from usage_aggregates
      where account_id = ${accountId} and local_day = ${day} and through_id <= ${throughId}
      group by usage_aggregates.sdk_app_id, usage_aggregates.item, late
      order by usage_aggregates.sdk_app_id, usage_aggregates.item, late
    `.cursor(500);
    for await (const rows of cursor) {
      for (const r of rows) {
        const m: Merged = { app: r.sdk_app_id, item: r.item, throughId: r.through_id, seconds: r.seconds, quantity: r.quantity, peak: r.peak, records: r.records, dayRecords: r.day_records, carried: r.carried, dayCarried: r.day_carried, windowSeconds: new Float64Array(WINDOWS_PER_DAY), hasWindow: new Uint8Array(WINDOWS_PER_DAY), samples: [] };
        addWindowPairs(r.windows, m.windowSeconds, m.hasWindow);
        addSamples(r.samples, m.samples);
        merged.push(m);
      }
    }
    await tx`delete from usage_aggregates where account_id = ${accountId} and local_day = ${day} and through_id <= ${throughId}`;
    function* chunks(): Generator<string> {
      let chunk = '';
      for (const m of merged) {
        const windows: number[] = [];
        const seconds: number[] = [];
        for (let w = 0; w < WINDOWS_PER_DAY; w++) {
          if (!m.hasWindow[w]) continue;
          windows.push(w);
          seconds.push(m.windowSeconds[w] as number);
        }
        chunk += aggregateCopyLine(accountId, null, m.throughId, { ...m, day, windows, windowSeconds: seconds });
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    const writable = await tx.unsafe(`copy usage_aggregates (${AGGREGATE_COPY_COLUMNS}) from stdin`).writable();
    await pipeline(Readable.from(chunks()), writable);
    return { rowsBefore, rowsAfter: merged.length, throughId };
  });
}

/**
 * Compaction beside ingest: after every `USAGE_COMPACT_EVERY` (200) stored batches touching
 * an (account, local day), this process compacts that day in the background (never in the
 * request: the batch has committed and answered). A failure only leaves the rows unmerged
 * (settlement sums partial rows just the same), so it is logged and forgotten. 0 turns it off.
 */
const pendingBatches = new Map<string, number>();
const running = new Set<string>();

export function compactSoon(sql: RawSql, accountId: string, days: Iterable<string>): void {
  const every = Number(process.env.USAGE_COMPACT_EVERY ?? 200);
  if (!(every > 0)) return;
  for (const day of new Set(days)) {
    const key = aggregateDayLock(accountId, day);
    const n = (pendingBatches.get(key) ?? 0) + 1;
    if (n < every || running.has(key)) {
      pendingBatches.set(key, n);
      continue;
    }
    pendingBatches.delete(key);
    running.add(key);
    void compactDay(sql, accountId, day)
      .catch((err) => log.error({ err, accountId, day }, 'usage: compaction failed'))
      .finally(() => running.delete(key));
  }
}
