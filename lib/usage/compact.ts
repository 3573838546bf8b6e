import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RawSql } from '@/db/raw';
import { AGGREGATE_COPY_COLUMNS, copyEscape } from './store';
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
 * the lowest ids.
 */
export const aggregateDayLock = (accountId: string, day: string) => `usage-aggregates:${accountId}:${day}`;

type Merged = {
  app: string;
  item: string;
  throughId: number;
  seconds: number;
  quantity: number;
  peak: number;
  records: number;
  dayRecords: number;
  carried: number;
  dayCarried: number;
  /** Seconds per local window (0..287) and which windows any row named (dense: no map per window). */
  windowSeconds: Float64Array;
  hasWindow: Uint8Array;
  /** The lowest record ids, ascending, at most SAMPLES. */
  samples: number[];
};

const SAMPLES = 5;
/** 5-minute windows of a local day (rating.md section 4; WINDOWS_PER_DAY of lib/rating/duration-usage.ts). */
const WINDOWS_PER_DAY = 288;

/**
 * Add a row's windows ('3,4,5') and their seconds ('60,300,12') into a merged key, parsing the
 * two strings side by side without splitting them (compaction reads hundreds of thousands of rows).
 */
function addWindows(m: Merged, windows: string, seconds: string): void {
  let j = 0;
  let w = 0;
  for (let i = 0; i <= windows.length; i++) {
    const c = i < windows.length ? windows.charCodeAt(i) : 44;
    if (c !== 44) {
      if (c < 48 || c > 57) throw new Error(`usage_aggregates: unexpected window list ${windows}`);
      w = w * 10 + (c - 48);
      continue;
    }
    let s = 0;
    for (; j < seconds.length; j++) {
      const d = seconds.charCodeAt(j);
      if (d === 44) break;
      if (d < 48 || d > 57) throw new Error(`usage_aggregates: unexpected window seconds ${seconds}`);
      s = s * 10 + (d - 48);
    }
    j++;
    if (!(w >= 0 && w < WINDOWS_PER_DAY)) throw new Error(`usage_aggregates: window ${w} is outside the day (0..${WINDOWS_PER_DAY - 1})`);
    m.windowSeconds[w] = (m.windowSeconds[w] as number) + s;
    m.hasWindow[w] = 1;
    w = 0;
  }
}

/** Keep the lowest SAMPLES distinct ids of `m.samples` (ascending) and a row's samples ('4,9,12'). */
function addSamples(m: Merged, text: string): void {
  for (const part of text.split(',')) {
    const id = Number(part);
    const list = m.samples;
    if (list.length === SAMPLES && id >= (list[SAMPLES - 1] as number)) continue;
    let k = 0;
    while (k < list.length && (list[k] as number) < id) k++;
    if (list[k] === id) continue;
    list.splice(k, 0, id);
    if (list.length > SAMPLES) list.pop();
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

    const merged = new Map<string, Merged>();
    const cursor = tx<{ sdk_app_id: string; item: string; through_id: string; seconds: string; quantity: string; peak: string; records: number; day_records: number; carried: number; day_carried: number; windows: string; window_seconds: string; samples: string }[]>`
      select sdk_app_id::text, item, through_id::text, seconds::text, quantity::text, peak_kbps::text as peak, records, day_records, carried, day_carried,
        windows::text as windows, window_seconds::text as window_seconds, samples::text as samples
      from usage_aggregates
      where account_id = ${accountId} and local_day = ${day} and through_id <= ${throughId}
    `.cursor(20_000);
    for await (const rows of cursor) {
      for (const r of rows) {
        const through = Number(r.through_id);
        const late = billedThrough !== null && through > billedThrough;
        const key = `${r.sdk_app_id}|${r.item}|${late ? 1 : 0}`;
        let m = merged.get(key);
        if (!m) merged.set(key, (m = { app: r.sdk_app_id, item: r.item, throughId: 0, seconds: 0, quantity: 0, peak: 0, records: 0, dayRecords: 0, carried: 0, dayCarried: 0, windowSeconds: new Float64Array(WINDOWS_PER_DAY), hasWindow: new Uint8Array(WINDOWS_PER_DAY), samples: [] }));
        m.throughId = Math.max(m.throughId, through);
        m.seconds += Number(r.seconds);
        m.quantity += Number(r.quantity);
        m.peak = Math.max(m.peak, Number(r.peak));
        m.records += r.records;
        m.dayRecords += r.day_records;
        m.carried += r.carried;
        m.dayCarried += r.day_carried;
        // Arrays as PostgreSQL writes them ('{3,4,5}'; array_out is faster than array_to_string).
        if (r.windows.length > 2) addWindows(m, r.windows.slice(1, -1), r.window_seconds.slice(1, -1));
        if (r.samples.length > 2) addSamples(m, r.samples.slice(1, -1));
      }
    }
    await tx`delete from usage_aggregates where account_id = ${accountId} and local_day = ${day} and through_id <= ${throughId}`;
    function* chunks(): Generator<string> {
      let chunk = '';
      for (const m of merged.values()) {
        const windows: number[] = [];
        const seconds: number[] = [];
        for (let w = 0; w < WINDOWS_PER_DAY; w++) {
          if (!m.hasWindow[w]) continue;
          windows.push(w);
          seconds.push(m.windowSeconds[w] as number);
        }
        chunk += `${accountId}\t${day}\t${m.app}\t${copyEscape(m.item)}\t\\N\t${m.throughId}\t${m.seconds}\t${m.quantity}\t${m.peak}\t${m.records}\t${m.dayRecords}\t{${windows.join(',')}}\t{${seconds.join(',')}}\t{${m.samples.join(',')}}\t${m.carried}\t${m.dayCarried}\n`;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    const writable = await tx.unsafe(`copy usage_aggregates (${AGGREGATE_COPY_COLUMNS}) from stdin`).writable();
    await pipeline(Readable.from(chunks()), writable);
    return { rowsBefore, rowsAfter: merged.size, throughId };
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
