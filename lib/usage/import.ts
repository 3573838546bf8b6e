import { createHash } from 'node:crypto';
import type { RawSql } from '@/db/raw';
import { findPriceBook, type PriceBook } from '@/lib/rating';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { formatLocalDateTime } from '@/lib/time/format';
import { parseBatchBody, validateBatch, type BatchItem, type ValidRecord } from './batch';
import { CsvFileError, csvRows, csvRowToItem, parseCsvHeader } from './csv';
import { AppError } from '@/lib/errors';
import { recordErrorsMessage, type RecordErrorDetail } from './errors';
import { USAGE_IMPORT_LIMITS } from './limits';
import { accountAppRefusal, refusalFor, type AppStateRow } from './app-refusal';
import { storeUsageBatch } from './store';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';

/**
 * Import of a usage file from the Usage page (session-authenticated, not HMAC), on the
 * same path as the usage API (issue 11 item 6):
 *
 *   read (bytes → UTF-8 text, size limit, SHA-256)
 *   → parse (JSON Lines, a JSON array, or CSV through csv-parse) into batch items
 *   → validate (lib/usage/batch.ts validateBatch, the API's checks, a chunk at a time)
 *   → store (lib/usage/store.ts storeUsageBatch, the API's one transaction)
 *
 * All or nothing per file (rating.md section 1): every row is validated before anything is
 * stored, and the records are stored in one transaction, so a refused file stores nothing.
 * Format: the first non-blank character `{` is JSON Lines, `[` a JSON array, anything else
 * CSV with a header row (lib/usage/csv.ts). The same file imported twice is refused: its
 * SHA-256 is the batch's idempotency key.
 */
export type ImportFormat = 'jsonl' | 'json' | 'csv';

export type ImportResult =
  | { ok: true; batchId: string; format: ImportFormat; rows: number; accepted: number; apps: number[]; firstDay: string | null; lastDay: string | null }
  | { ok: false; format: ImportFormat | null; rows: number; refusedRows: number; errorCount: number; message: string; errors: RecordErrorDetail[] };

type ImportInput = { accountId: string; body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null; now: Date; maxBytes?: number; maxRecords?: number };

/** Records validated together (bounded work per step; errors keep their file-wide index). */
const CHUNK = 2000;

/** The whole file is refused for its shape (header, quoting, not JSON): reported without row errors. */
class FileRefusal extends Error {}

export async function importUsageFile(sql: RawSql, input: ImportInput): Promise<ImportResult> {
  const maxBytes = input.maxBytes ?? USAGE_IMPORT_LIMITS.maxFileBytes;
  const maxRecords = input.maxRecords ?? USAGE_IMPORT_LIMITS.maxRecords;
  const account = await importingAccount(sql, input.accountId);

  const file = readText(input.body, maxBytes);
  const { format, text } = await sniffFormat(file.text);
  if (format === null) return refused(null, 0, 'The file has no records.');

  const items = format === 'csv' ? csvItems(text) : format === 'jsonl' ? jsonLinesItems(text) : jsonArrayItems(text, maxRecords);
  const checked = await validateAll(items, { book: account.book, appRefusal: account.appRefusal, maxRecords, format });
  if (!checked.ok) return checked.result;
  if (checked.records.length === 0) return refused(format, 0, 'The file has no records.');

  const sha256 = file.sha256();
  const apps = [...new Set(checked.records.map((v) => v.record.app))].sort((a, b) => a - b);
  const stored = await storeUsageBatch(sql, {
    accountId: input.accountId,
    sdkAppId: apps.length === 1 ? (apps[0] as number) : null,
    source: 'import',
    idempotencyKey: `import:${sha256}`,
    bodySha256: sha256,
    receivedAt: input.now,
    timeZone: account.book.timeZone,
    records: checked.records,
    book: account.book,
  });
  if (!stored.created) {
    throw new AppError('DUPLICATE_FILE', `This file was already imported on ${formatLocalDateTime(stored.batch.receivedAt)} (UTC+8, ${stored.batch.recordCount} records); nothing was stored again.`);
  }
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (const v of checked.records) {
    for (const { day } of v.pieces) {
      if (firstDay === null || day < firstDay) firstDay = day;
      if (lastDay === null || day > lastDay) lastDay = day;
    }
  }
  return { ok: true, batchId: stored.batch.batchId, format, rows: checked.rows, accepted: checked.records.length, apps, firstDay, lastDay };
}

function refused(format: ImportFormat | null, rows: number, why: string): ImportResult {
  return { ok: false, format, rows, refusedRows: 0, errorCount: 1, message: `${why} Nothing was stored.`, errors: [] };
}

// ---------------------------------------------------------------------------------------
// Who imports: the account's state (a suspended account imports nothing), its price book,
// and which of its applications may take records (the API's refusal rule, per application).

type AccountRow = { status: AccountStatus; suspension_reason: SuspensionReason | null; price_book_id: string };

async function importingAccount(sql: RawSql, accountId: string): Promise<{ book: PriceBook; appRefusal: (app: number) => string | null }> {
  const [account] = await sql<AccountRow[]>`select status, suspension_reason, price_book_id from accounts where id = ${accountId}`;
  if (!account) throw new AppError('FORBIDDEN', 'No account.');
  if (isBillingOnly(account.status)) {
    const r = refusalFor({ enabled: true, free_exhausted_at: null, status: account.status, suspension_reason: account.suspension_reason }, 0);
    throw r ?? new AppError('ACCOUNT_SUSPENDED', 'The account is suspended.');
  }
  const book = findPriceBook(account.price_book_id);
  if (!book) throw new Error(`account ${accountId} has unknown price book ${account.price_book_id}`);
  const apps = await sql<AppStateRow[]>`select sdk_app_id, enabled, free_exhausted_at from applications where account_id = ${accountId}`;
  return { book, appRefusal: accountAppRefusal(account, apps) };
}

// ---------------------------------------------------------------------------------------
// Read: the body's bytes as UTF-8 text chunks, refused past `maxBytes` (413, while reading:
// the rest of the upload is not received) or on bytes that are not UTF-8 (400, issue 13
// item 10: never U+FFFD in their place). The SHA-256 of the bytes names the file.

function readText(body: ImportInput['body'], maxBytes: number): { text: AsyncGenerator<string>; sha256: () => string } {
  const hash = createHash('sha256');
  async function* text(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bytes = 0;
    const decode = (chunk?: Uint8Array) => {
      try {
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      } catch {
        throw new AppError('MALFORMED_BODY', `The file is not valid UTF-8 text (after byte ${bytes - (chunk?.byteLength ?? 0)}); save it as UTF-8 and import it again. Nothing was stored.`);
      }
    };
    if (body) {
      for await (const chunk of bytesOf(body)) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) {
          throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it into smaller files (nothing was stored).`);
        }
        hash.update(chunk);
        const t = decode(chunk);
        if (t) yield t;
      }
    }
    const rest = decode();
    if (rest) yield rest;
  }
  return { text: text(), sha256: () => hash.digest('hex') };
}

/** A request body (web stream) or any async iterable of bytes; stops receiving when the reader stops early. */
async function* bytesOf(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (!('getReader' in body)) {
    yield* body;
    return;
  }
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The format from the first non-blank character; the text is handed on whole (nothing consumed). */
async function sniffFormat(text: AsyncGenerator<string>): Promise<{ format: ImportFormat | null; text: AsyncGenerator<string> }> {
  let head = '';
  // Read by hand: leaving a for-await loop early would close the generator and lose the rest.
  for (let next = await text.next(); !next.done; next = await text.next()) {
    head += next.value;
    const first = head.replace(/^[\s\uFEFF]+/, '')[0];
    if (first === undefined) continue;
    const format: ImportFormat = first === '[' ? 'json' : first === '{' ? 'jsonl' : 'csv';
    return {
      format,
      text: (async function* () {
        yield head;
        yield* text;
      })(),
    };
  }
  return { format: null, text };
}

// ---------------------------------------------------------------------------------------
// Parse: batch items with their line (BatchItem, as the API's parseBatchBody makes them).
// A line or row that cannot become a record is an item error, reported with the others.

async function* jsonLinesItems(text: AsyncIterable<string>): AsyncGenerator<BatchItem> {
  let tail = '';
  let line = 0;
  const item = (raw: string): BatchItem | null => {
    line++;
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (t.trim() === '') return null;
    try {
      return { value: JSON.parse(t), line, text: t };
    } catch (e) {
      return { value: undefined, line, itemError: { field: '(line)', message: `not valid JSON (${(e as Error).message})` } };
    }
  };
  for await (const chunk of text) {
    const lines = (tail + chunk).split('\n');
    tail = lines.pop() as string;
    for (const raw of lines) {
      const it = item(raw);
      if (it) yield it;
    }
  }
  const last = tail === '' ? null : item(tail);
  if (last) yield last;
}

async function* csvItems(text: AsyncIterable<string>): AsyncGenerator<BatchItem> {
  let columns: string[] | null = null;
  try {
    for await (const row of csvRows(text)) {
      if (!columns) {
        const header = parseCsvHeader(row.cells);
        if (!header.ok) throw new FileRefusal(header.message);
        columns = header.columns;
        continue;
      }
      yield csvRowToItem(columns, row);
    }
  } catch (err) {
    if (err instanceof CsvFileError) throw new FileRefusal(err.message);
    throw err;
  }
}

/** A JSON array is one value: read whole (within the size limit), then parsed like an API body. */
async function* jsonArrayItems(text: AsyncIterable<string>, maxRecords: number): AsyncGenerator<BatchItem> {
  let all = '';
  for await (const chunk of text) all += chunk;
  const parsed = parseBatchBody(all, maxRecords);
  if (!parsed.ok) {
    if (parsed.kind === 'too-many') throw new AppError('PAYLOAD_TOO_LARGE', `${parsed.message.replace('per request', 'per file')} (nothing was stored)`);
    throw new FileRefusal(parsed.message);
  }
  yield* parsed.items;
}

// ---------------------------------------------------------------------------------------
// Validate: the API's validateBatch, CHUNK items at a time (indexes stay file-wide). The
// first error drops what was kept (nothing of the file will be stored); reading goes on to
// report the file's other errors (up to maxErrorDetails, and how many in all).

type Checked =
  | { ok: true; rows: number; records: ValidRecord[] }
  | { ok: false; result: ImportResult };

async function validateAll(
  items: AsyncIterable<BatchItem>,
  options: { book: PriceBook; appRefusal: (app: number) => string | null; maxRecords: number; format: ImportFormat },
): Promise<Checked> {
  const records: ValidRecord[] = [];
  const errors: RecordErrorDetail[] = [];
  let errorCount = 0;
  let refusedRows = 0;
  let rows = 0;
  let chunk: BatchItem[] = [];
  const check = () => {
    if (!chunk.length) return;
    const r = validateBatch(chunk, { book: options.book, appRefusal: options.appRefusal, indexOffset: rows - chunk.length, maxErrors: USAGE_IMPORT_LIMITS.maxErrorDetails });
    chunk = [];
    if (r.ok) {
      if (errorCount === 0) records.push(...r.records);
      return;
    }
    errorCount += r.errorCount;
    refusedRows += r.refusedRecords;
    errors.push(...r.errors.slice(0, USAGE_IMPORT_LIMITS.maxErrorDetails - errors.length));
    records.length = 0;
  };
  try {
    for await (const item of items) {
      if (++rows > options.maxRecords) {
        throw new AppError('PAYLOAD_TOO_LARGE', `The file has more than ${options.maxRecords.toLocaleString('en-US')} records; split it into smaller files (nothing was stored).`);
      }
      chunk.push(item);
      if (chunk.length === CHUNK) check();
    }
  } catch (err) {
    if (err instanceof FileRefusal) return { ok: false, result: refused(options.format, rows, err.message) };
    throw err;
  }
  check();
  if (errorCount === 0) return { ok: true, rows, records };
  const noun = options.format === 'csv' ? 'row' : 'record';
  const message = recordErrorsMessage(errors, errorCount, noun).replace('The batch was refused', 'The file was refused');
  return { ok: false, result: { ok: false, format: options.format, rows, refusedRows, errorCount, message, errors } };
}
