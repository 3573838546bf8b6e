import { randomUUID } from 'node:crypto';
import type { RawSql, RawTx } from '@/db/raw';
import { aggregateDays, classifyRecord, findPriceBook, type IdentifiedRecord, type PriceBook, type UsageRecord } from '@/lib/rating';
import { copyAggregates } from './store';

/**
 * `usage_aggregates` for records stored without them (issue 11): batches written before the
 * aggregates existed or by writers that insert `usage_records` directly (demo data,
 * generators, tests), and records without any batch. Settlement calls it, in its own
 * transaction and under the account lock, before it sums a day's rows, so every stored
 * record is in the aggregates exactly once:
 * - a batch is claimed by setting `aggregated_at` (a conditional UPDATE: a concurrent
 *   caller waits on the row and then finds it claimed) and its rows written in the same
 *   transaction;
 * - records without a batch (up to `throughId`) are given one, then summed the same way.
 * A stored record the book cannot rate is left out, as the usage statistics leave it out.
 */
export async function applyPendingAggregates(tx: RawTx | RawSql, accountId: string, book: PriceBook, throughId: number): Promise<{ batches: number; records: number }> {
  let batches = 0;
  let records = 0;
  const pending = await tx<{ id: string }[]>`
    select id from usage_batches where account_id = ${accountId} and aggregated_at is null order by received_at, id`;
  for (const { id } of pending) {
    const [claimed] = await tx`update usage_batches set aggregated_at = now() where id = ${id} and aggregated_at is null returning id`;
    if (!claimed) continue;
    const rows = await tx<{ id: string; record: string | UsageRecord }[]>`
      select id, record from usage_records where account_id = ${accountId} and batch_id = ${id} order by id`;
    records += await aggregateRows(tx, accountId, book, id, rows);
    batches++;
  }
  const loose = await tx<{ id: string; record: string | UsageRecord }[]>`
    select id, record from usage_records where account_id = ${accountId} and batch_id is null and id <= ${throughId} order by id`;
  if (loose.length) {
    const batchId = randomUUID();
    await tx`
      insert into usage_batches (id, account_id, sdk_app_id, source, idempotency_key, record_count, received_at, aggregated_at)
      values (${batchId}, ${accountId}, null, 'seed', ${`aggregates:${batchId}`}, ${loose.length}, now(), now())`;
    await tx`update usage_records set batch_id = ${batchId} where account_id = ${accountId} and batch_id is null and id <= ${throughId}`;
    records += await aggregateRows(tx, accountId, book, batchId, loose);
    batches++;
  }
  return { batches, records };
}

async function aggregateRows(tx: RawTx | RawSql, accountId: string, book: PriceBook, batchId: string, rows: readonly { id: string; record: string | UsageRecord }[]): Promise<number> {
  const identified: IdentifiedRecord[] = [];
  let throughId = 0;
  for (const row of rows) {
    const record = (typeof row.record === 'string' ? JSON.parse(row.record) : row.record) as UsageRecord;
    try {
      classifyRecord(book, record);
    } catch {
      // Refused by the book (RecordRuleError) or not a usage record at all: settlement never rated it either.
      continue;
    }
    const id = Number(row.id);
    identified.push({ record, id });
    if (id > throughId) throughId = id;
  }
  await copyAggregates(tx as RawTx, aggregateDays(book, identified), { accountId, batchId, throughId });
  return identified.length;
}

/**
 * Before the usage pages, exports, the calculator and the month's estimate read an
 * account's aggregates: the records stored without them (batches of demo data and
 * generators, records without a batch) are summed first, each exactly once: under the
 * account row's lock (as settlement does it), batches claimed as above, records without a
 * batch given one up to the highest id this transaction sees. Nothing to do (the usual
 * case) costs two index probes.
 */
export async function aggregatePendingUsage(sql: RawSql, accountId: string): Promise<{ batches: number; records: number }> {
  const [pending] = await sql<{ any: boolean }[]>`
    select exists (select 1 from usage_batches where account_id = ${accountId} and aggregated_at is null)
      or exists (select 1 from usage_records where account_id = ${accountId} and batch_id is null) as any`;
  if (!pending?.any) return { batches: 0, records: 0 };
  return sql.begin(async (tx) => {
    const [account] = await tx<{ price_book_id: string }[]>`select price_book_id from accounts where id = ${accountId} for update`;
    const book = account && findPriceBook(account.price_book_id);
    if (!book) return { batches: 0, records: 0 };
    const [max] = await tx<{ max: string | null }[]>`select max(id)::text as max from usage_records where account_id = ${accountId}`;
    return applyPendingAggregates(tx, accountId, book, Number(max?.max ?? 0));
  });
}
