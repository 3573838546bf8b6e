import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { copyIn, copyText, rawSqlOf } from '@/db/raw';

/**
 * Insert many rows of a Drizzle table with one COPY ... FROM STDIN in the caller's
 * transaction (issue 11: a day's bill has a line per application and item, 5,000 for 1,000
 * applications). Values go through each column's own `mapToDriverValue` (Decimal → its
 * `toFixed()`, jsonb → `JSON.stringify`), as Drizzle's INSERT sends them, so the stored rows
 * are the same; building a multi-row INSERT of thousands of parameters cost Drizzle more than
 * the database took to store them. Chunks of 64 KB let the database parse while the rest is
 * written. Identity columns are left to the database (ids in row order, as the INSERT gave
 * them). Every other column needs a value in every row (or in `constants`), or null when nullable.
 */
export async function copyRows<T extends PgTable, C extends Partial<T['$inferInsert']> = Record<never, never>>(
  tx: Transaction,
  table: T,
  /** An array, or rows built as they are copied (bill-diff.ts LazyRows): each chunk is sent as soon as it is built. */
  rows: Iterable<Omit<T['$inferInsert'], keyof C>> & { readonly length: number },
  /** Values every row has (a bill's id): mapped and escaped once, not copied into each row. */
  constants: C = {} as C,
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table)).filter(([, c]) => !(c as Column).generatedIdentity) as [string, Column][];
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const fixed = columns.map(([key, column]) => (Object.hasOwn(constants, key) ? textOf(table, column, (constants as Record<string, unknown>)[key]) : null));
  function* chunks(): Generator<string> {
    let chunk = '';
    for (const row of rows as Iterable<Record<string, unknown>>) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        if (i) line += '\t';
        line += fixed[i] ?? textOf(table, (columns[i] as [string, Column])[1], row[(columns[i] as [string, Column])[0]]);
      }
      chunk += `${line}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await copyIn(rawSqlOf(tx).unsafe(`copy "${getTableName(table)}" (${names}) from stdin`), chunks());
}

/** One value as COPY text: through the column's own mapToDriverValue, `\N` for null. */
function textOf(table: PgTable, column: Column, value: unknown): string {
  if (value === undefined || value === null) {
    if (column.notNull) throw new Error(`${getTableName(table)}.${column.name}: a value is required (copyRows sets no defaults)`);
    return '\\N';
  }
  return copyText(String(column.mapToDriverValue(value)));
}

