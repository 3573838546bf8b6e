import { randomUUID } from 'node:crypto';
import { copyIn, copyText, type RawSql, type RawTx } from '@/db/raw';
import { localDate } from '@/lib/time/local-date';
import { aggregateDays, findPriceBook, type DayAggregate, type PriceBook } from '@/lib/rating';
import type { ValidRecord } from './batch';
import { compactSoon } from './compact';
import { aggregatesWithIds, giveBack, PREPARED_AGGREGATE_COLUMNS, PREPARED_ROW_COLUMNS, rowHead, rowsWithIds, UsageRowWriter, type PreparedUsageRows } from './copy-rows';

export { type PreparedUsageRows };

/**
 * Storing an accepted batch: the `usage_batches` row, its `usage_records` (COPY) and its
 * `usage_aggregates` partial rows (COPY; what settlement and the usage pages sum, issue 11),
 * in one transaction (all or nothing). No row shared with another batch is updated. Raw postgres.js
 * rather than Drizzle because COPY ... FROM STDIN is the bulk path (the bench:ingest
 * goal) and Drizzle transactions do not expose it.
 */
export type UsageSource = 'api' | 'import' | 'generator' | 'seed';

export type StoreBatchInput = StoreBatchMeta &
  (
    | { records: readonly ValidRecord[]; prepared?: undefined }
    /** The rows and aggregates already built (the usage API's one pass, batch.ts prepareJsonLinesBatch). */
    | { prepared: PreparedUsageRows; records?: undefined }
  );

type StoreBatchMeta = {
  accountId: string;
  /** The signing application (API); null for an import or a usage-key batch spanning several. */
  sdkAppId: number | null;
  /** The account usage key that signed an API batch (`usage_batches.usage_key_id`), if one did. */
  usageKeyId?: string | null;
  source: UsageSource;
  idempotencyKey: string;
  bodySha256: string;
  receivedAt: Date;
  /** The price book's zone: `local_day` of each record. */
  timeZone: string;
  /** The account's price book (the aggregates are classified by it); read from the account when absent. */
  book?: PriceBook;
};

export type StoredBatch = { batchId: string; recordCount: number; receivedAt: Date; bodySha256: string | null; sdkAppId: number | null };

/** The `usage_records` rows of a batch as COPY text lines, a chunk at a time. */
export function* usageRecordCopyChunks(
  records: readonly ValidRecord[],
  meta: { accountId: string; batchId: string; receivedAtIso: string; timeZone: string; ids?: readonly number[] },
  rowsPerChunk = 2000,
): Generator<string> {
  let chunk = '';
  let n = 0;
  let i = 0;
  const tail = `\t${meta.receivedAtIso}\n`;
  const ids = meta.ids;
  for (const r of records) {
    const { record, text } = r;
    if (ids) chunk += `${ids[i++]}\t`;
    const seconds = 'seconds' in record ? String(record.seconds) : '\\N';
    const json = copyText(text ?? JSON.stringify(record));
    // The start's local day: validation's `day`, else the first piece's (pieces are split at local midnight, in order).
    const day = r.day ?? r.pieces[0]?.day ?? localDate(new Date(record.start), meta.timeZone);
    chunk += `${meta.accountId}\t${record.app}\t${meta.batchId}\t${record.type}\t${record.start}\t${day}\t${seconds}\t${json}${tail}`;
    if (++n === rowsPerChunk) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}

/** The figures of one `usage_aggregates` row (a batch's DayAggregate, or a compacted row whose sums came back as text). */
type AggregateLineFigures = Pick<DayAggregate, 'day' | 'item'> & {
  [K in 'app' | 'seconds' | 'quantity' | 'peak' | 'records' | 'dayRecords' | 'carried' | 'dayCarried']: number | string;
} & { windows: readonly number[]; windowSeconds: readonly number[]; samples: readonly number[] };

/** One `usage_aggregates` COPY line in AGGREGATE_COPY_COLUMNS order (a batch's rows and compaction's merged rows alike). */
export function aggregateCopyLine(accountId: string, batchId: string | null, throughId: number | string, r: AggregateLineFigures): string {
  return `${accountId}\t${r.day}\t${r.app}\t${copyText(r.item)}\t${batchId ?? '\\N'}\t${throughId}\t${r.seconds}\t${r.quantity}\t${r.peak}\t${r.records}\t${r.dayRecords}\t{${r.windows.join(',')}}\t{${r.windowSeconds.join(',')}}\t{${r.samples.join(',')}}\t${r.carried}\t${r.dayCarried}\n`;
}

/** The `usage_aggregates` rows of a batch as COPY text lines (lib/rating/day-aggregates.ts). */
export function* aggregateCopyChunks(rows: readonly DayAggregate[], meta: { accountId: string; batchId: string | null; throughId: number }, rowsPerChunk = 2000): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const r of rows) {
    chunk += aggregateCopyLine(meta.accountId, meta.batchId, meta.throughId, r);
    if (++n === rowsPerChunk) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}

export const AGGREGATE_COPY_COLUMNS = 'account_id, local_day, sdk_app_id, item, batch_id, through_id, seconds, quantity, peak_kbps, records, day_records, windows, window_seconds, samples, carried, day_carried';

/**
 * Usage record ids for `n` records, taken from the table's identity sequence before the
 * COPY so the aggregates can name their records (samples) and the highest id they sum
 * (`through_id`). The ROW EXCLUSIVE lock comes first: a safe watermark (SHARE lock,
 * lib/settlement/raw.ts) then either waits for this transaction or was taken before any
 * id here was handed out, exactly as with ids the COPY would draw itself.
 */
export async function reserveUsageRecordIds(tx: RawTx, n: number): Promise<number[]> {
  // Sent together (pipelined, in this order): the lock is taken before the first nextval.
  const [, [row]] = await Promise.all([
    tx`lock table usage_records in row exclusive mode`,
    tx<{ ids: string }[]>`select string_agg(nextval('usage_records_id_seq')::text, ',') as ids from generate_series(1, ${n})`,
  ]);
  return (row?.ids ?? '').split(',').map(Number);
}

/** COPY a batch's aggregates (inside the caller's transaction). */
export async function copyAggregates(tx: RawTx, rows: readonly DayAggregate[], meta: { accountId: string; batchId: string | null; throughId: number }): Promise<void> {
  if (!rows.length) return;
  await copyIn(tx.unsafe(`copy usage_aggregates (${AGGREGATE_COPY_COLUMNS}) from stdin`), aggregateCopyChunks(rows, meta));
}

/**
 * Drizzle's postgres.js driver turns off postgres.js's date and JSON parsing on the shared
 * client, so raw queries here pass and read timestamps as ISO strings.
 */
type BatchRow = { id: string; record_count: number; received_at: string | Date; body_sha256: string | null; sdk_app_id: string | number | null };
/** A `usage_batches` row as the API answers it. */
export const batchOf = (r: BatchRow): StoredBatch => ({
  batchId: r.id,
  recordCount: r.record_count,
  receivedAt: new Date(r.received_at),
  bodySha256: r.body_sha256,
  sdkAppId: r.sdk_app_id === null ? null : Number(r.sdk_app_id),
});

export async function findBatch(sql: RawSql, accountId: string, idempotencyKey: string): Promise<StoredBatch | null> {
  const [row] = await sql<BatchRow[]>`
    select id, record_count, received_at, body_sha256, sdk_app_id from usage_batches
    where account_id = ${accountId} and idempotency_key = ${idempotencyKey}`;
  return row ? batchOf(row) : null;
}

async function accountBook(tx: RawSql | RawTx, accountId: string): Promise<PriceBook> {
  const [row] = await tx<{ price_book_id: string }[]>`select price_book_id from accounts where id = ${accountId}`;
  const book = row && findPriceBook(row.price_book_id);
  if (!book) throw new Error(`account ${accountId} has no known price book`);
  return book;
}

/** Validated records as prepared rows (copy-rows.ts) and their aggregates, record positions in place of ids. */
export function prepareUsageRows(records: readonly ValidRecord[], book: PriceBook, timeZone: string): PreparedUsageRows {
  const writer = new UsageRowWriter(records.length * 512, records.length);
  for (const r of records) {
    const { record, text } = r;
    // The start's local day: validation's `day`, else the first piece's (pieces are split at local midnight, in order).
    const day = r.day ?? r.pieces[0]?.day ?? localDate(new Date(record.start), timeZone);
    writer.rowFromText(rowHead(record, day), copyText(text ?? JSON.stringify(record)));
  }
  return writer.finish(records.length ? aggregateDays(book, records.map((r, i) => ({ record: r.record, id: i }))) : []);
}

/** The COPY of a batch's records: the id, the per-batch columns (rowsWithIds's `constant`), then a prepared row's. */
const RECORD_COPY = `copy usage_records (id, account_id, batch_id, received_at, ${PREPARED_ROW_COLUMNS}) from stdin`;
/** The COPY of a batch's aggregates: a prepared row's columns, the per-batch ones (aggregatesWithIds's `constant`), then the samples. */
const AGGREGATE_COPY = `copy usage_aggregates (${PREPARED_AGGREGATE_COLUMNS}, account_id, batch_id, through_id, samples) from stdin`;

/**
 * Store a validated batch. `created: false` = a batch with this Idempotency-Key already
 * exists (possibly committed by a concurrent request a moment ago): nothing was written
 * and the existing batch is returned, for the caller to answer as a replay or a conflict.
 *
 * Everything per record happens before the transaction, so that it holds its locks and its
 * connection only for the writes, and the parsed records are garbage before the first wait:
 * the rows' COPY text (ids added once reserved) and the aggregates, summed with record
 * positions in place of ids. Ids are reserved in ascending order and handed out by
 * position, so the lowest positions of a row are its lowest ids (its samples) and the last
 * id is the highest (`through_id`).
 */
export async function storeUsageBatch(sql: RawSql, input: StoreBatchInput): Promise<{ created: boolean; batch: StoredBatch }> {
  const batchId = randomUUID();
  const { accountId, sdkAppId, source, idempotencyKey, bodySha256, receivedAt } = input;
  const receivedAtIso = receivedAt.toISOString();
  let prepared = input.prepared;
  if (!prepared) {
    const records = input.records ?? [];
    const book = input.book ?? (records.length ? await accountBook(sql, accountId) : null);
    prepared = book ? prepareUsageRows(records, book, input.timeZone) : new UsageRowWriter(0, 0).finish([]);
  }
  const rows = prepared;
  const n = prepared.count;
  const aggregates = prepared.aggregates;
  const days = new Set(aggregates.days);
  let text: Buffer | null = null;
  let aggregateText: Buffer | null = null;
  const created = await sql.begin(async (tx) => {
    // The unique index (account, idempotency key) is the final guarantee: a concurrent
    // twin waits here for this transaction and then inserts nothing. The lock and the ids
    // are sent in the same round trip (pipelined, in this order); unused when the batch
    // exists (a sequence has gaps anyway).
    const insert = tx<{ id: string }[]>`
      insert into usage_batches (id, account_id, sdk_app_id, usage_key_id, source, idempotency_key, record_count, body_sha256, received_at, aggregated_at)
      values (${batchId}, ${accountId}, ${sdkAppId}, ${input.usageKeyId ?? null}, ${source}, ${idempotencyKey}, ${n}, ${bodySha256}, ${receivedAtIso}, ${receivedAtIso})
      on conflict (account_id, idempotency_key) do nothing
      returning id`;
    const reserved = n ? reserveUsageRecordIds(tx, n) : Promise.resolve([]);
    const [inserted, ids] = await Promise.all([insert, reserved]);
    if (inserted.length === 0) return false;
    if (!n) return true;
    ids.sort((a, b) => a - b);
    text = rowsWithIds(rows, ids, `${accountId}\t${batchId}\t${receivedAtIso}\t`);
    // Issue 11: what settlement and the usage pages need, from the same classification, in the same transaction.
    // One after the other: a statement sent while a COPY runs would break it (never pipelined).
    await copyIn(tx.unsafe(RECORD_COPY), [text]);
    if (aggregates.count) {
      aggregateText = aggregatesWithIds(aggregates, ids, `${accountId}\t${batchId}\t${ids[n - 1]}\t`);
      await copyIn(tx.unsafe(AGGREGATE_COPY), [aggregateText]);
    }
    return true;
  }).finally(() => {
    // The COPYs are over (sent, or failed): their buffers serve the next batches (copy-rows.ts).
    giveBack(rows.rows);
    giveBack(text);
    giveBack(aggregates.rows);
    giveBack(aggregateText);
  });
  if (created) {
    if (days.size) compactSoon(sql, accountId, days);
    return { created: true, batch: { batchId, recordCount: n, receivedAt, bodySha256, sdkAppId } };
  }
  const existing = await findBatch(sql, accountId, idempotencyKey);
  if (!existing) throw new Error('usage batch conflict without an existing batch');
  return { created: false, batch: existing };
}
