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

/**
 * Big buffers handed back once a batch's COPY is over, for the next batches. Each batch
 * otherwise took two fresh Buffers of its COPY text's size (the rows, then the rows with
 * ids) outside V8's heap, and V8 answers every ~64 MB of such memory with a garbage
 * collection ("external memory pressure" in --trace-gc: most of the server's scavenges in
 * bench:ingest). At most SPARE_MAX are kept (what 4 batches in flight use); sizes are whole
 * MiB so that one fits the next batch.
 */
const spare: ArrayBuffer[] = [];
const SPARE_MAX = 8;
const MIB = 1 << 20;

function takeBuffer(size: number): Buffer {
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    const length = (spare[i] as ArrayBuffer).byteLength;
    if (length >= size && (best < 0 || length < (spare[best] as ArrayBuffer).byteLength)) best = i;
  }
  if (best >= 0) {
    const [ab] = spare.splice(best, 1) as [ArrayBuffer];
    return Buffer.from(ab, 0, ab.byteLength);
  }
  return Buffer.allocUnsafeSlow(Math.ceil(size / MIB) * MIB);
}

/**
 * Hand back a buffer of this module (a PreparedUsageRows' `rows`, rowsWithIds' result, or a
 * part of one) once nothing reads it any more: exactly once, after its last use.
 */
export function giveBack(view: Uint8Array | null | undefined): void {
  const ab = view?.buffer;
  // Only whole-MiB buffers of takeBuffer's (never a pooled small Buffer's shared slab).
  if (!(ab instanceof ArrayBuffer) || ab.byteLength < MIB || ab.byteLength % MIB !== 0) return;
  if (spare.length < SPARE_MAX && !spare.includes(ab)) spare.push(ab);
}

/** Appends prepared rows to a growing Buffer (taken from the spare ones; give it back with giveBack or discard). */
export class UsageRowWriter {
  #buf: Buffer;
  #len = 0;
  #ends: Int32Array;
  #count = 0;

  constructor(estimatedBytes: number, estimatedRows = 1024) {
    this.#buf = takeBuffer(Math.max(4096, estimatedBytes));
    this.#ends = new Int32Array(Math.max(16, estimatedRows));
  }

  #reserve(bytes: number): void {
    if (this.#len + bytes <= this.#buf.length) return;
    const next = takeBuffer(Math.max(this.#buf.length * 2, this.#len + bytes));
    this.#buf.copy(next, 0, 0, this.#len);
    giveBack(this.#buf);
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

  /** The rows will not be used: their buffer goes back at once. */
  discard(): void {
    giveBack(this.#buf);
  }

  finish(aggregates: DayAggregate[]): PreparedUsageRows {
    return { count: this.#count, rows: this.#buf.subarray(0, this.#len), ends: this.#ends.subarray(0, this.#count), aggregates };
  }
}

/**
 * The COPY text of prepared rows with their leading columns: each row's id (`ids[i]`,
 * ascending by position) and `constant` (the per-batch columns, tab-separated, ending in a tab).
 * A spare buffer: give it back (giveBack) once the COPY is over.
 */
export function rowsWithIds(prepared: PreparedUsageRows, ids: readonly number[], constant: string): Buffer {
  const { rows, ends, count } = prepared;
  const head = Buffer.from(`\t${constant}`);
  const out = takeBuffer(rows.length + count * (head.length + 17));
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
