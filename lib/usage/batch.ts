import { isAscii, isUtf8 } from 'node:buffer';
import { classifyRecord, classifyRecordDay, DayAggregator, parseUsageRecord, RecordRuleError, type PriceBook, type UsageRecord, type UsagePiece } from '@/lib/rating';
import { copyText } from '@/db/raw';
import { rowHead, UsageRowWriter, type PreparedUsageRows } from './copy-rows';
import type { RecordErrorDetail } from './errors';
import { storageRefusals } from './storable';

/**
 * A batch body (docs/usage-api.md): a JSON array of records, or JSON Lines (one record
 * per line, blank lines skipped). Told apart by the first non-blank character: `[` is an
 * array, anything else is JSON Lines. Nothing here touches the database.
 */
export type BatchItem = {
  value: unknown;
  /** 1-based line number (JSON Lines, CSV); absent for array elements. */
  line?: number;
  /** The record's JSON text when the body already had it (JSON Lines), reused for storage. */
  text?: string;
  /** The line or row could not become a record (not JSON, bad cell): reported with the other record errors. */
  itemError?: { field: string; message: string };
  /**
   * The JSON text `value` was parsed from has no `\u` escape and no surrogate code unit, so
   * no string in `value` (key or value) holds a NUL or a lone surrogate (JSON refuses raw
   * control characters): storable.ts skips that walk.
   */
  plainText?: boolean;
};

/** A `\u` escape or any surrogate code unit: what could put a NUL or a lone surrogate into parsed JSON. */
const ESCAPE_OR_SURROGATE = /\\u|[\uD800-\uDFFF]/;

export type ParsedBody =
  | { ok: true; format: 'array' | 'jsonl'; items: BatchItem[] }
  | { ok: false; kind: 'malformed'; message: string }
  | { ok: false; kind: 'too-many'; message: string };

function firstNonBlank(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff) return text[i] as string;
  }
  return '';
}

export function parseBatchBody(text: string, maxRecords: number): ParsedBody {
  if (firstNonBlank(text) === '[') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, kind: 'malformed', message: `The body is not valid JSON: ${(e as Error).message}. Send a JSON array of records or JSON Lines.` };
    }
    if (!Array.isArray(value)) return { ok: false, kind: 'malformed', message: 'Expected a JSON array of records or JSON Lines.' };
    if (value.length > maxRecords) return { ok: false, kind: 'too-many', message: `The batch has ${value.length} records; the limit is ${maxRecords} per request.` };
    const plainText = !ESCAPE_OR_SURROGATE.test(text);
    return { ok: true, format: 'array', items: value.map((v) => ({ value: v, plainText })) };
  }
  const items: BatchItem[] = [];
  let lineNo = 0;
  let from = 0;
  while (from <= text.length) {
    let nl = text.indexOf('\n', from);
    if (nl === -1) nl = text.length;
    lineNo++;
    let line = text.slice(from, nl);
    from = nl + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    if (items.length >= maxRecords) {
      return { ok: false, kind: 'too-many', message: `The batch has more than ${maxRecords} records; the limit is ${maxRecords} per request.` };
    }
    try {
      items.push({ value: JSON.parse(line), line: lineNo, text: line, plainText: !ESCAPE_OR_SURROGATE.test(line) });
    } catch (e) {
      items.push({ value: undefined, line: lineNo, itemError: { field: '(line)', message: `not valid JSON (${(e as Error).message})` } });
    }
  }
  return { ok: true, format: 'jsonl', items };
}

/**
 * The usage API's common case in one pass over the body's bytes (issue 11: CPU per
 * record): a UTF-8 JSON Lines body whose every line is a record that validateBatch
 * accepts. Each line is parsed, validated with validateBatch's own checks (lib/rating's
 * schema, the storage limits, the signing SDKAppID, the book's rules through the
 * aggregator, which classifies exactly as classifyRecordDay), summed into the batch's
 * aggregates and written as its COPY row, and is garbage before the next line: no parsed
 * record, item or row string outlives the pass. Null for anything else (a JSON array, a
 * byte-order mark or invalid UTF-8, a line that is not JSON, any refused record, more than
 * `maxRecords` records, no record): the caller then takes parseBatchBody + validateBatch,
 * which answer (and store) exactly as before.
 */
export function prepareJsonLinesBatch(
  body: Buffer,
  options: Pick<ValidateOptions, 'book' | 'sdkAppId' | 'appRefusal'> & { maxRecords: number },
): PreparedUsageRows | null {
  const length = body.length;
  let i = 0;
  while (i < length && isJsonBlank(body[i] as number)) i++;
  // Nothing, an array, or a non-ASCII first character (a byte-order mark) — the general path.
  if (i === length || body[i] === 0x5b || (body[i] as number) >= 0x80) return null;
  if (!isUtf8(body)) return null;
  const ascii = isAscii(body);
  // No `\u` escape and no character outside the BMP anywhere: no line can hold a NUL or a lone surrogate (see BatchItem.plainText).
  const plainText = ascii && body.indexOf('\\u') === -1;
  // No backslash, tab or carriage return anywhere: every line is its own COPY text.
  const verbatim = body.indexOf(0x5c) === -1 && body.indexOf(0x09) === -1 && body.indexOf(0x0d) === -1;
  const writer = new UsageRowWriter(length + (length >> 1), Math.min(options.maxRecords, (length >> 6) + 16));
  let rows: PreparedUsageRows | null = null;
  try {
    rows = writeJsonLines(body, writer, { ...options, plainText, verbatim, ascii });
    return rows;
  } finally {
    // Given way (or failed): the writer's buffer goes back now; kept rows go back after their COPY (store.ts).
    if (!rows) writer.discard();
  }
}

/** prepareJsonLinesBatch's pass over the lines. */
function writeJsonLines(
  body: Buffer,
  writer: UsageRowWriter,
  options: Pick<ValidateOptions, 'book' | 'sdkAppId' | 'appRefusal'> & { maxRecords: number; plainText: boolean; verbatim: boolean; ascii: boolean },
): PreparedUsageRows | null {
  const { plainText, verbatim, ascii } = options;
  const length = body.length;
  const aggregator = new DayAggregator(options.book);
  const appCache = new Map<number, string | null>();
  let count = 0;
  let from = 0;
  while (from <= length) {
    let nl = body.indexOf(0x0a, from);
    if (nl === -1) nl = length;
    const start = from;
    let end = nl;
    from = nl + 1;
    if (end > start && body[end - 1] === 0x0d) end--;
    let k = start;
    while (k < end && isLineBlank(body[k] as number)) k++;
    if (k === end) continue;
    // A line starting with a non-ASCII character may be one String#trim calls blank: the general path.
    if ((body[k] as number) >= 0x80) return null;
    if (count === options.maxRecords) return null;
    const text = body.toString(ascii ? 'latin1' : 'utf8', start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return null;
    }
    const parsed = parseUsageRecord(value, count);
    if (!parsed.ok) return null;
    const record = parsed.record;
    if (storageRefusals(record, { plainText: plainText || !ESCAPE_OR_SURROGATE.test(text) }).length) return null;
    if (options.sdkAppId !== undefined && record.app !== options.sdkAppId) return null;
    if (options.appRefusal) {
      let why = appCache.get(record.app);
      if (why === undefined) appCache.set(record.app, (why = options.appRefusal(record.app)));
      if (why !== null) return null;
    }
    let day: string;
    try {
      day = aggregator.add(record, count);
    } catch (e) {
      if (e instanceof RecordRuleError) return null;
      throw e;
    }
    const head = rowHead(record, day);
    if (verbatim) writer.rowFromBytes(head, body, start, end);
    else writer.rowFromText(head, copyText(text));
    count++;
  }
  if (count === 0) return null;
  return writer.finish(aggregator.rows());
}

/** What firstNonBlank skips before telling an array from JSON Lines (ASCII part). */
const isJsonBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** ASCII characters String#trim removes. */
const isLineBlank = (c: number) => c === 32 || c === 9 || c === 11 || c === 12 || c === 13;

/**
 * A record that passed the schema and the price book's rules, with what it accrues
 * (`pieces`) and the local day it starts on (`day`, the day of its first piece).
 */
export type ValidRecord = { record: UsageRecord; pieces: UsagePiece[]; text?: string; day?: string };

/** validateBatch's records: `pieces` are built only when read (the usage API's store needs only `day`). */
class CheckedRecord implements ValidRecord {
  readonly #book: PriceBook;
  #pieces: UsagePiece[] | undefined;
  constructor(
    readonly record: UsageRecord,
    readonly text: string | undefined,
    readonly day: string,
    book: PriceBook,
  ) {
    this.#book = book;
  }
  get pieces(): UsagePiece[] {
    return (this.#pieces ??= classifyRecord(this.#book, this.record));
  }
}

export type ValidateOptions = {
  book: PriceBook;
  /** The usage API: every record's `app` must be the signing SDKAppID. */
  sdkAppId?: number;
  /** The import: why an SDKAppID may not take records (not the account's, disabled, ...); null = allowed. */
  appRefusal?: (app: number) => string | null;
  maxErrors?: number;
  /** Added to every index (validating a long file a chunk at a time). */
  indexOffset?: number;
};

export type ValidateResult =
  | { ok: true; records: ValidRecord[] }
  | { ok: false; errors: RecordErrorDetail[]; errorCount: number; refusedRecords: number };

/**
 * All or nothing (rating.md section 1: "nothing of a refused batch is stored"). Each
 * record goes through lib/rating's schema (errors name the index and field), the
 * storage limits (storable.ts), the SDKAppID rule, then the book's rules (classifyRecord:
 * e.g. video in rtv-cny is refused).
 * `index` is the 0-based position of the record in the batch; `line` its line when known.
 */
/** A refused record's position (index, and line when known): built only for errors. */
const positionOf = (item: BatchItem, index: number) => (item.line !== undefined ? { index, line: item.line } : { index });

export function validateBatch(items: readonly BatchItem[], options: ValidateOptions): ValidateResult {
  const records: ValidRecord[] = [];
  const errors: RecordErrorDetail[] = [];
  const maxErrors = options.maxErrors ?? 100;
  const offset = options.indexOffset ?? 0;
  let errorCount = 0;
  let refusedRecords = 0;
  let lastRefused = -1;
  const refuse = (e: RecordErrorDetail) => {
    errorCount++;
    if (e.index !== lastRefused) refusedRecords++;
    lastRefused = e.index;
    if (errors.length < maxErrors) errors.push(e);
  };
  const appCache = new Map<number, string | null>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as BatchItem;
    if (item.itemError !== undefined) {
      refuse({ ...positionOf(item, index + offset), ...item.itemError });
      continue;
    }
    const parsed = parseUsageRecord(item.value, index);
    if (!parsed.ok) {
      for (const e of parsed.errors) refuse({ ...positionOf(item, index + offset), field: e.field, message: e.message });
      continue;
    }
    const record = parsed.record;
    const unstorable = storageRefusals(record, { plainText: item.plainText === true });
    if (unstorable.length) {
      for (const e of unstorable) refuse({ ...positionOf(item, index + offset), ...e });
      continue;
    }
    if (options.sdkAppId !== undefined && record.app !== options.sdkAppId) {
      refuse({ ...positionOf(item, index + offset), field: 'app', message: `must be ${options.sdkAppId}, the SDKAppID that signed the request (got ${record.app})` });
      continue;
    }
    if (options.appRefusal) {
      let why = appCache.get(record.app);
      if (why === undefined) appCache.set(record.app, (why = options.appRefusal(record.app)));
      if (why !== null) {
        refuse({ ...positionOf(item, index + offset), field: 'app', message: why });
        continue;
      }
    }
    let day: string;
    try {
      day = classifyRecordDay(options.book, record);
    } catch (e) {
      if (e instanceof RecordRuleError) {
        refuse({ ...positionOf(item, index + offset), field: e.field, message: e.message });
        continue;
      }
      throw e;
    }
    if (errorCount === 0) records.push(new CheckedRecord(record, item.text, day, options.book));
  }
  return errorCount ? { ok: false, errors, errorCount, refusedRecords } : { ok: true, records };
}
