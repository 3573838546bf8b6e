import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { findPriceBook } from '@/lib/rating';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { formatLocalDateTime } from '@/lib/time/format';
import { parseBatchBody, validateBatch, type BatchItem, type ValidRecord } from './batch';
import { CsvParser, csvRowToItem, parseCsvHeader } from './csv';
import { recordErrorsMessage, UsageError, type RecordErrorDetail } from './errors';
import { USAGE_IMPORT_LIMITS } from './limits';
import { refusalFor } from './api';
import { storeUsageBatch } from './store';

/**
 * Import of a usage file from the Usage page (session-authenticated, not HMAC). The whole
 * file is read as a stream and validated first; only when every row is valid are the
 * records stored, in one transaction (lib/usage/store.ts). A refused file stores nothing.
 * Formats: JSON Lines (first non-blank character `{`), a JSON array (`[`), or CSV with a
 * header row (anything else; lib/usage/csv.ts). The same file imported twice is refused:
 * its SHA-256 is the batch's idempotency key.
 */
export type ImportFormat = 'jsonl' | 'json' | 'csv';

export type ImportResult =
  | { ok: true; batchId: string; format: ImportFormat; rows: number; accepted: number; apps: number[]; firstDay: string | null; lastDay: string | null }
  | { ok: false; format: ImportFormat | null; rows: number; refusedRows: number; errorCount: number; message: string; errors: RecordErrorDetail[] };

const CHUNK = 2000;

/** A request body (web stream) or any async iterable of bytes. */
async function* chunksOf(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
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
    // Stopped early (too large): stop receiving the rest of the upload.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

type AccountRow = { status: 'active' | 'overdue' | 'suspended' | 'reclaimed'; suspension_reason: 'arrears' | 'violation' | null; price_book_id: string };
type AppRow = { sdk_app_id: string | number; enabled: boolean; free_exhausted_at: string | Date | null };

export async function importUsageFile(
  sql: postgres.Sql,
  input: { accountId: string; body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null; now: Date; maxBytes?: number; maxRecords?: number },
): Promise<ImportResult> {
  const maxBytes = input.maxBytes ?? USAGE_IMPORT_LIMITS.maxFileBytes;
  const maxRecords = input.maxRecords ?? USAGE_IMPORT_LIMITS.maxRecords;
  const [account] = await sql<AccountRow[]>`select status, suspension_reason, price_book_id from accounts where id = ${input.accountId}`;
  if (!account) throw new UsageError('FORBIDDEN', 'No account.');
  if (isBillingOnly(account.status)) {
    const r = refusalFor({ enabled: true, free_exhausted_at: null, status: account.status, suspension_reason: account.suspension_reason }, 0);
    throw r ?? new UsageError('ACCOUNT_SUSPENDED', 'The account is suspended.');
  }
  const book = findPriceBook(account.price_book_id);
  if (!book) throw new Error(`account ${input.accountId} has unknown price book ${account.price_book_id}`);
  const apps = await sql<AppRow[]>`select sdk_app_id, enabled, free_exhausted_at from applications where account_id = ${input.accountId}`;
  const byId = new Map(apps.map((a) => [Number(a.sdk_app_id), a]));
  const appRefusal = (app: number): string | null => {
    const a = byId.get(app);
    if (!a) return `${app} is not an SDKAppID of this account`;
    const why = refusalFor({ enabled: a.enabled, free_exhausted_at: a.free_exhausted_at === null ? null : new Date(a.free_exhausted_at), status: account.status, suspension_reason: account.suspension_reason }, app);
    return why ? why.message : null;
  };

  const hash = createHash('sha256');
  // Fatal: bytes that are not UTF-8 refuse the file (400) instead of becoming U+FFFD (issue 13 item 10).
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array, stream = false) => {
    try {
      return chunk ? decoder.decode(chunk, { stream }) : decoder.decode();
    } catch {
      throw new UsageError('MALFORMED_BODY', `The file is not valid UTF-8 text (after byte ${bytes - (chunk?.byteLength ?? 0)}); save it as UTF-8 and import it again. Nothing was stored.`);
    }
  };
  let bytes = 0;
  let format: ImportFormat | null = null;
  let arrayText = '';
  let jsonlTail = '';
  let jsonlLine = 0;
  const csv = new CsvParser();
  let columns: string[] | null = null;
  let headerError: string | null = null;

  const valid: ValidRecord[] = [];
  const errors: RecordErrorDetail[] = [];
  let errorCount = 0;
  let refusedRows = 0;
  let rows = 0;
  let pending: BatchItem[] = [];

  const flush = () => {
    if (!pending.length) return;
    const r = validateBatch(pending, { book, appRefusal, indexOffset: rows - pending.length, maxErrors: USAGE_IMPORT_LIMITS.maxErrorDetails });
    if (r.ok) {
      if (errorCount === 0) for (const v of r.records) valid.push(v);
    } else {
      errorCount += r.errorCount;
      refusedRows += r.refusedRecords;
      for (const e of r.errors) if (errors.length < USAGE_IMPORT_LIMITS.maxErrorDetails) errors.push(e);
      valid.length = 0; // all or nothing: no need to keep what will not be stored
    }
    pending = [];
  };
  const add = (item: BatchItem) => {
    rows++;
    if (rows > maxRecords) {
      throw new UsageError('PAYLOAD_TOO_LARGE', `The file has more than ${maxRecords.toLocaleString('en-US')} records; split it into smaller files (nothing was stored).`);
    }
    pending.push(item);
    if (pending.length === CHUNK) flush();
  };
  const jsonlLines = (text: string, final: boolean) => {
    const all = jsonlTail + text;
    let from = 0;
    let nl: number;
    while ((nl = all.indexOf('\n', from)) !== -1) {
      jsonlOne(all.slice(from, nl));
      from = nl + 1;
    }
    jsonlTail = all.slice(from);
    if (final && jsonlTail !== '') {
      jsonlOne(jsonlTail);
      jsonlTail = '';
    }
  };
  const jsonlOne = (raw: string) => {
    jsonlLine++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    try {
      add({ value: JSON.parse(line), line: jsonlLine, text: line });
    } catch (e) {
      if (e instanceof UsageError) throw e;
      add({ value: undefined, line: jsonlLine, itemError: { field: '(line)', message: `not valid JSON (${(e as Error).message})` } });
    }
  };
  const csvRow = (row: { cells: string[]; line: number }) => {
    if (headerError) return;
    if (!columns) {
      const h = parseCsvHeader(row.cells);
      if (h.ok) columns = h.columns;
      else headerError = h.message;
      return;
    }
    add(csvRowToItem(columns, row));
  };
  const feed = (text: string, final: boolean) => {
    if (format === null) {
      const first = text.replace(/^[\s\uFEFF]+/, '')[0];
      if (first === undefined && !final) {
        arrayText += text; // only blanks so far
        return;
      }
      format = first === '[' ? 'json' : first === '{' ? 'jsonl' : 'csv';
      text = arrayText + text;
      arrayText = '';
    }
    if (format === 'json') arrayText += text;
    else if (format === 'jsonl') jsonlLines(text, final);
    else {
      csv.push(text, csvRow);
      if (final) csv.end(csvRow);
    }
  };

  if (input.body) {
    for await (const chunk of chunksOf(input.body)) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) {
        throw new UsageError('PAYLOAD_TOO_LARGE', `The file is larger than ${(maxBytes / 1024 / 1024).toFixed(0)} MB; split it into smaller files (nothing was stored).`);
      }
      hash.update(chunk);
      feed(decode(chunk, true), false);
    }
  }
  feed(decode(), true);

  if (format === 'json') {
    const parsed = parseBatchBody(arrayText, maxRecords);
    arrayText = '';
    if (!parsed.ok) {
      if (parsed.kind === 'too-many') throw new UsageError('PAYLOAD_TOO_LARGE', `${parsed.message.replace('per request', 'per file')} (nothing was stored)`);
      return { ok: false, format, rows: 0, refusedRows: 0, errorCount: 1, message: `${parsed.message} Nothing was stored.`, errors: [] };
    }
    for (const item of parsed.items) add(item);
  }
  if (format === 'csv' && csv.unterminated) {
    return { ok: false, format, rows, refusedRows: 0, errorCount: 1, message: 'The CSV file ends inside a quoted cell (a missing closing "). Nothing was stored.', errors: [] };
  }
  if (headerError) return { ok: false, format, rows: 0, refusedRows: 0, errorCount: 1, message: `${headerError} Nothing was stored.`, errors: [] };
  flush();

  if (errorCount) {
    const noun = format === 'csv' ? 'row' : 'record';
    return { ok: false, format, rows, refusedRows, errorCount, message: recordErrorsMessage(errors, errorCount, noun).replace('The batch was refused', 'The file was refused'), errors };
  }
  if (rows === 0 || format === null) {
    return { ok: false, format, rows: 0, refusedRows: 0, errorCount: 1, message: 'The file has no records. Nothing was stored.', errors: [] };
  }

  const fileSha256 = hash.digest('hex');
  const appsInFile = [...new Set(valid.map((v) => v.record.app))].sort((a, b) => a - b);
  const stored = await storeUsageBatch(sql, {
    accountId: input.accountId,
    sdkAppId: appsInFile.length === 1 ? (appsInFile[0] as number) : null,
    source: 'import',
    idempotencyKey: `import:${fileSha256}`,
    bodySha256: fileSha256,
    receivedAt: input.now,
    timeZone: book.timeZone,
    records: valid,
  });
  if (!stored.created) {
    throw new UsageError('DUPLICATE_FILE', `This file was already imported on ${formatLocalDateTime(stored.batch.receivedAt)} (UTC+8, ${stored.batch.recordCount} records); nothing was stored again.`);
  }
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (const v of valid) {
    for (const p of v.pieces) {
      if (firstDay === null || p.day < firstDay) firstDay = p.day;
      if (lastDay === null || p.day > lastDay) lastDay = p.day;
    }
  }
  return { ok: true, batchId: stored.batch.batchId, format, rows, accepted: valid.length, apps: appsInFile, firstDay, lastDay };
}
