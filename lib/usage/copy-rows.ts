import type { DayAggregate } from '@/lib/rating';

/**
 * A batch's `usage_records` rows as COPY text bytes, written before its transaction without
 * the columns known only then (the id, reserved inside it) and those that are the same on
 * every row (account, batch, received at), which the store puts in front of each row once
 * the ids are known (lib/usage/store.ts). Bytes rather than strings: a batch of 10,000
 * records is ~3 MB of text, and as strings its rows (then their concatenation, then the
 * flattening and UTF-8 encoding when written) were objects that lived through the database
 * round trip (issue 11: the usage API's CPU per record). Nothing here touches the database.
 *
 * Each row: `sdk_app_id \t type \t start \t local_day \t seconds \t record \n` (COPY text format).
 */
export type PreparedUsageRows = {
  count: number;
  /** The rows one after the other; row i ends (exclusive) at `ends[i]`. */
  rows: Buffer;
  ends: Int32Array;
  /** The batch's aggregates (lib/rating DayAggregator), `samples` holding record positions (0 .. count-1) in place of ids. */
  aggregates: DayAggregate[];
};

/** The columns of a prepared row, after the id and the per-batch ones (store.ts's COPY column list). */
export const PREPARED_ROW_COLUMNS = 'sdk_app_id, type, start, local_day, seconds, record';

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
export function copyEscape(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/** The row's columns before `record`, each followed by a tab (`\N` for a record without seconds). */
export function rowHead(record: { app: number; type: string; start: string }, day: string): string {
  const seconds = 'seconds' in record ? String((record as { seconds: unknown }).seconds) : '\\N';
  return `${record.app}\t${record.type}\t${record.start}\t${day}\t${seconds}\t`;
}

/** Appends prepared rows to a growing Buffer. */
export class UsageRowWriter {
  #buf: Buffer;
  #len = 0;
  #ends: Int32Array;
  #count = 0;

  constructor(estimatedBytes: number, estimatedRows = 1024) {
    this.#buf = Buffer.allocUnsafe(Math.max(4096, estimatedBytes));
    this.#ends = new Int32Array(Math.max(16, estimatedRows));
  }

  #reserve(bytes: number): void {
    if (this.#len + bytes <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + bytes));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }

  #end(): void {
    this.#buf[this.#len++] = 10;
    if (this.#count === this.#ends.length) {
      const next = new Int32Array(this.#ends.length * 2);
      next.set(this.#ends);
      this.#ends = next;
    }
    this.#ends[this.#count++] = this.#len;
  }

  /** A row whose `record` is `src[from, to)`, UTF-8 JSON text that needs no COPY escape. */
  rowFromBytes(head: string, src: Buffer, from: number, to: number): void {
    this.#reserve(head.length * 3 + (to - from) + 1);
    this.#len += this.#buf.write(head, this.#len);
    this.#len += src.copy(this.#buf, this.#len, from, to);
    this.#end();
  }

  /** A row whose `record` is `escapedJson` (already COPY-escaped). */
  rowFromText(head: string, escapedJson: string): void {
    this.#reserve((head.length + escapedJson.length) * 3 + 1);
    this.#len += this.#buf.write(head, this.#len);
    this.#len += this.#buf.write(escapedJson, this.#len);
    this.#end();
  }

  finish(aggregates: DayAggregate[]): PreparedUsageRows {
    return { count: this.#count, rows: this.#buf.subarray(0, this.#len), ends: this.#ends.subarray(0, this.#count), aggregates };
  }
}

/**
 * The COPY text of prepared rows with their leading columns: each row's id (`ids[i]`,
 * ascending by position) and `constant` (the per-batch columns, tab-separated, ending in a tab).
 */
export function rowsWithIds(prepared: PreparedUsageRows, ids: readonly number[], constant: string): Buffer {
  const { rows, ends, count } = prepared;
  const head = Buffer.from(`\t${constant}`);
  const out = Buffer.allocUnsafe(rows.length + count * (head.length + 17));
  let off = 0;
  let from = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i] as number;
    // 17 bytes are left per id: ids are safe integers (at most 16 digits).
    off += out.write(String(id), off, 'latin1');
    off += head.copy(out, off);
    const to = ends[i] as number;
    off += rows.copy(out, off, from, to);
    from = to;
  }
  return out.subarray(0, off);
}
