import { classifyRecord, classifyRecordDay, parseUsageRecord, RecordRuleError, type PriceBook, type UsageRecord, type UsagePiece } from '@/lib/rating';
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
