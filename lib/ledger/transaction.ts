import type { Database, Transaction } from '@/db/client';
import { isRetryableTxError } from '@/lib/errors';

/**
 * One transaction, retried from the start on a deadlock or serialization failure
 * (architecture.md, Concurrency). Everything that moves money locks the account row
 * first, so retries are rare; they are safe because the whole unit re-runs.
 */
export async function transact<T>(db: Database, fn: (tx: Transaction) => Promise<T>, options: { retries?: number } = {}): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (attempt < retries && isRetryableTxError(err)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw err;
    }
  }
}
