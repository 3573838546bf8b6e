import type { RawSql } from '@/db/raw';
import { classifyRecord, findPriceBook, RecordRuleError, type UsageRecord } from '@/lib/rating';
import { addDailyTotals, DailyAccumulator } from './store';

/**
 * `usage_daily` for batches stored without it (demo data, generators, anything that
 * inserts `usage_records` directly): their records are summed the next time the
 * account's statistics are read. Each batch is claimed with FOR UPDATE SKIP LOCKED and
 * marked in the same transaction, so it is summed exactly once even when two pages
 * load at the same moment. Records without a batch are not summed (every writer in
 * this codebase makes a batch).
 */
export async function applyPendingDailyStats(sql: RawSql, accountId: string): Promise<{ batches: number; records: number }> {
  const pending = await sql<{ id: string }[]>`
    select id from usage_batches where account_id = ${accountId} and stats_applied_at is null order by received_at limit 1000`;
  if (!pending.length) return { batches: 0, records: 0 };
  const [account] = await sql<{ price_book_id: string }[]>`select price_book_id from accounts where id = ${accountId}`;
  const book = account && findPriceBook(account.price_book_id);
  if (!book) return { batches: 0, records: 0 };
  let batches = 0;
  let records = 0;
  for (const { id } of pending) {
    await sql.begin(async (tx) => {
      const [claimed] = await tx`select id from usage_batches where id = ${id} and stats_applied_at is null for update skip locked`;
      if (!claimed) return;
      const acc = new DailyAccumulator();
      const cursor = tx<{ record: string | UsageRecord }[]>`select record from usage_records where batch_id = ${id} and account_id = ${accountId}`.cursor(5000);
      for await (const rows of cursor) {
        for (const row of rows) {
          const record = (typeof row.record === 'string' ? JSON.parse(row.record) : row.record) as UsageRecord;
          try {
            acc.add(classifyRecord(book, record));
            records++;
          } catch (e) {
            // A stored record the book cannot rate adds nothing to the statistics (settlement refuses it too).
            if (!(e instanceof RecordRuleError)) throw e;
          }
        }
      }
      await addDailyTotals(tx, accountId, acc.rows());
      await tx`update usage_batches set stats_applied_at = now() where id = ${id}`;
      batches++;
    });
  }
  return { batches, records };
}
