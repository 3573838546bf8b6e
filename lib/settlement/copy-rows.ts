import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { copyIn, rawSqlOf } from '@/db/raw';

/**
 * Insert many rows of a Drizzle table with one COPY ... FROM STDIN in the caller's
 * transaction (issue 11: a day's bill has a line per application and item, 5,000 for 1,000
 * applications). Values go through each column's own `mapToDriverValue` (Decimal → its
 * `toFixed()`, jsonb → `JSON.stringify`), as Drizzle's INSERT sends them, so the stored rows
 * are the same; building a multi-row INSERT of thousands of parameters cost Drizzle more than
 * the database took to store them. Chunks of 64 KB let the database parse while the rest is
 * written. Identity columns are left to the database (ids in row order, as the INSERT gave
 * them). Every other column needs a value in every row, or null when nullable.
 */
export async function copyRows<T extends PgTable>(tx: Transaction, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table)).filter(([, c]) => !(c as Column).generatedIdentity) as [string, Column][];
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  function* chunks(): Generator<string> {
    let chunk = '';
    for (const row of rows as Record<string, unknown>[]) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const [key, column] = columns[i] as [string, Column];
        const value = row[key];
        if (i) line += '\t';
        if (value === undefined || value === null) {
          if (column.notNull) throw new Error(`${getTableName(table)}.${column.name}: a value is required (copyRows sets no defaults)`);
          line += '\\N';
        } else line += copyText(String(column.mapToDriverValue(value)));
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

/** COPY text format: backslash, tab, newline and carriage return escaped. */
function copyText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}
