import { copyText } from '@/db/raw';
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
  /** The batch's aggregates (lib/rating DayAggregator) as COPY bytes (prepareAggregates). */
  aggregates: PreparedAggregates;
};

/**
 * A batch's `usage_aggregates` rows as COPY text bytes (PREPARED_AGGREGATE_COLUMNS, each
 * followed by a tab), built before its transaction like the records' rows: the account,
 * batch, `through_id` and the samples (record ids) are put after each row once the ids are
 * reserved (aggregatesWithIds). The DayAggregate objects (a row, its windows and samples
 * arrays: as many rows as records when a batch spans 1,000 applications and 30 days) are
 * garbage before the first wait instead of living through the database round trip.
 */
export type PreparedAggregates = {
  count: number;
  rows: Buffer;
  ends: Int32Array;
  /** Every row's samples as record positions (0 .. records-1), one row after the other; row i's end at `sampleEnds[i]`. */
  samples: Int32Array;
  sampleEnds: Int32Array;
  /** The local days the rows touch. */
  days: string[];
};

export const PREPARED_AGGREGATE_COLUMNS = 'local_day, sdk_app_id, item, seconds, quantity, peak_kbps, records, day_records, windows, window_seconds, carried, day_carried';

/**
 * `value` as String(value) writes it, at `at` in `buf`; returns the end. A day's windows (0..287)
 * and their seconds are small integers, hundreds per aggregate row: their digits are written
 * directly (integer division under 2^31), anything else through String.
 */
export function writeNumber(buf: Buffer, at: number, value: number): number {
  if (value >= 0 && value < 2147483648 && (value | 0) === value) {
    if (value < 10) {
      buf[at] = 48 + value;
      return at + 1;
    }
    if (value < 100) {
      const t = (value / 10) | 0;
      buf[at] = 48 + t;
      buf[at + 1] = 48 + value - t * 10;
      return at + 2;
    }
    let digits = 3;
    for (let x = (value / 1000) | 0; x > 0; x = (x / 10) | 0) digits++;
    let n = value;
    for (let i = at + digits - 1; i >= at; i--) {
      const q = (n / 10) | 0;
      buf[i] = 48 + n - q * 10;
      n = q;
    }
    return at + digits;
  }
  if (Number.isSafeInteger(value) && value >= 0) {
    let digits = 1;
    for (let x = value; x >= 10; x = Math.floor(x / 10)) digits++;
    let n = value;
    for (let i = at + digits - 1; i >= at; i--) {
      const q = Math.floor(n / 10);
      buf[i] = 48 + (n - q * 10);
      n = q;
    }
    return at + digits;
  }
  return at + buf.write(String(value), at, 'latin1');
}

/** Bytes a number may take as String(n) writes it (-1.2345678901234567e-300: 24). */
const NUMBER_BYTES = 25;

/** DayAggregator rows (samples as record positions) as prepared aggregate rows. */
export function prepareAggregates(rows: readonly DayAggregate[]): PreparedAggregates {
  const writer = new UsageRowWriter(rows.length * 128, rows.length);
  let sampleCount = 0;
  for (const r of rows) sampleCount += r.samples.length;
  const samples = new Int32Array(sampleCount);
  const sampleEnds = new Int32Array(rows.length);
  const days = new Set<string>();
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as DayAggregate;
    // Written field by field, numbers as digits (the text `${r.day}\t${r.app}\t…{${r.windows.join(',')}}…`
    // byte for byte, without building it: a day's windows are hundreds of numbers per row).
    const item = copyText(r.item);
    writer.open(r.day.length + item.length * 3 + (r.windows.length + r.windowSeconds.length + 9) * NUMBER_BYTES + 32);
    writer.text(r.day);
    writer.tab();
    writer.number(r.app);
    writer.tab();
    writer.text(item);
    writer.tab();
    for (const n of [r.seconds, r.quantity, r.peak, r.records, r.dayRecords]) {
      writer.number(n);
      writer.tab();
    }
    writer.list(r.windows);
    writer.tab();
    writer.list(r.windowSeconds);
    writer.tab();
    for (const n of [r.carried, r.dayCarried]) {
      writer.number(n);
      writer.tab();
    }
    writer.close();
    for (const position of r.samples) samples[k++] = position;
    sampleEnds[i] = k;
    days.add(r.day);
  }
  const built = writer.segments();
  return { count: rows.length, rows: built.rows, ends: built.ends, samples, sampleEnds, days: [...days] };
}

/**
 * The COPY text of prepared aggregate rows (PREPARED_AGGREGATE_COLUMNS, then account_id,
 * batch_id, through_id from `constant`, tab-separated and ending in a tab, then samples):
 * each row's samples are the ids at its positions (`ids` ascending by position). A spare
 * buffer: give it back (giveBack) once the COPY is over.
 */
export function aggregatesWithIds(prepared: PreparedAggregates, ids: readonly number[], constant: string): Buffer {
  const { rows, ends, count, samples, sampleEnds } = prepared;
  const head = Buffer.from(constant);
  const out = takeBuffer(rows.length + count * (head.length + 3) + samples.length * 17 + 16);
  let off = 0;
  let from = 0;
  let k = 0;
  for (let i = 0; i < count; i++) {
    const to = ends[i] as number;
    off += rows.copy(out, off, from, to);
    from = to;
    off += head.copy(out, off);
    out[off++] = 0x7b; // {
    const last = sampleEnds[i] as number;
    for (let first = true; k < last; k++, first = false) {
      if (!first) out[off++] = 0x2c; // ,
      off += out.write(String(ids[samples[k] as number]), off, 'latin1');
    }
    out[off++] = 0x7d; // }
    out[off++] = 0x0a;
  }
  return out.subarray(0, off);
}

/** The columns of a prepared row, after the id and the per-batch ones (store.ts's COPY column list). */
export const PREPARED_ROW_COLUMNS = 'sdk_app_id, type, start, local_day, seconds, record';


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

  /** Start a segment of at most `maxBytes` (prepareAggregates: then text, number, list, tab, and close; no newline added, the store continues each row). */
  open(maxBytes: number): void {
    this.#reserve(maxBytes);
  }

  /** Text of the open segment (UTF-8). */
  text(value: string): void {
    this.#len += this.#buf.write(value, this.#len);
  }

  tab(): void {
    this.#buf[this.#len++] = 0x09;
  }

  /** A number as String(value) writes it: digits directly for a non-negative safe integer (every count and second here). */
  number(value: number): void {
    this.#len = writeNumber(this.#buf, this.#len, value);
  }

  /** `{a,b,c}`: a PostgreSQL array literal of numbers, as `{${values.join(',')}}`. */
  list(values: readonly number[]): void {
    const buf = this.#buf;
    let at = this.#len;
    buf[at++] = 0x7b;
    for (let i = 0; i < values.length; i++) {
      if (i > 0) buf[at++] = 0x2c;
      at = writeNumber(buf, at, values[i] as number);
    }
    buf[at++] = 0x7d;
    this.#len = at;
  }

  /** End the open segment. */
  close(): void {
    if (this.#count === this.#ends.length) {
      const next = new Int32Array(this.#ends.length * 2);
      next.set(this.#ends);
      this.#ends = next;
    }
    this.#ends[this.#count++] = this.#len;
  }

  /** The segments written (prepareAggregates). */
  segments(): { rows: Buffer; ends: Int32Array } {
    return { rows: this.#buf.subarray(0, this.#len), ends: this.#ends.subarray(0, this.#count) };
  }

  /** The rows will not be used: their buffer goes back at once. */
  discard(): void {
    giveBack(this.#buf);
  }

  finish(aggregates: DayAggregate[]): PreparedUsageRows {
    return { count: this.#count, rows: this.#buf.subarray(0, this.#len), ends: this.#ends.subarray(0, this.#count), aggregates: prepareAggregates(aggregates) };
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
