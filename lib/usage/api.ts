import { createHash } from 'node:crypto';
import type { RawSql } from '@/db/raw';
import { findPriceBook, type PriceBook } from '@/lib/rating';
import { accountTimeFrom, systemNow } from '@/lib/clock';
import { signingKeyHashes } from '@/lib/applications/rules';
import { accountAppRefusal, refusalFor, type AppStateRow } from './app-refusal';
import { parseBatchBody, prepareJsonLinesBatch, validateBatch, type ValidateOptions, type ValidRecord } from './batch';
import { AppError } from '@/lib/errors';
import { recordErrorsMessage } from './errors';
import { USAGE_API_LIMITS } from './limits';
import { checkTimestamp, verifySignature } from './signature';
import { readSigningHeaders } from './signer';
import { batchOf, storeUsageBatch, type PreparedUsageRows, type StoredBatch } from './store';
import { route } from '@/lib/http/route';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';

/** Body types of the usage API (docs/usage-api.md): a JSON array or JSON Lines. */
export const USAGE_API_MEDIA_TYPES = ['application/json', 'application/x-ndjson', 'application/jsonl'] as const;

/**
 * POST /api/v1/usage (docs/usage-api.md). Order of checks, each answering before any
 * work the next one needs: declared size (413) → signing headers (401/400) → timestamp
 * window (401) → body read with a byte limit (413) → signer (the application, or the
 * account usage key) and signature (401) → Idempotency-Key replay (200) or reuse with
 * another body or signer (409) → application and account state (403; a usage-key batch:
 * the account's only) → records: count (413), schema, SDKAppID and price-book rules
 * (422, each error naming the record index and field; a usage-key batch: each record's
 * application must be the account's and may take usage, field `app`) → one transaction (201).
 */
export type UsageApiResponse = { status: number; body: unknown };

export type AcceptedBatch = { batchId: string; sdkAppId: number; accepted: number; replayed: boolean; receivedAt: string };

/** What both signers' lookups read beside the signer: the account, its clock, and the batch already stored under the request's Idempotency-Key, if any (left join). */
type AccountAndBatchRow = {
  account_id: string;
  secret_key_hash: string;
  clock_now: Date | string | null;
  clock_mark: Date | string | null;
  status: AccountStatus;
  suspension_reason: SuspensionReason | null;
  price_book_id: string;
  batch_id: string | null;
  batch_record_count: number | null;
  batch_received_at: Date | string | null;
  batch_body_sha256: string | null;
  batch_sdk_app_id: string | number | null;
};

type AppRow = AccountAndBatchRow & {
  previous_secret_key_hash: string | null;
  previous_secret_key_expires_at: Date | string | null;
  enabled: boolean;
  free_exhausted_at: Date | null;
};

/** The batch stored under the Idempotency-Key, from a lookup row (null when none). */
const previousBatchOf = (r: AccountAndBatchRow): StoredBatch | null =>
  r.batch_id === null ? null : batchOf({ id: r.batch_id, record_count: r.batch_record_count as number, received_at: r.batch_received_at as string | Date, body_sha256: r.batch_body_sha256, sdk_app_id: r.batch_sdk_app_id });

/** 409: the Idempotency-Key already names another batch (another body, or another signer). */
const idempotencyKeyReused = (batch: StoredBatch) =>
  new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    `Idempotency-Key was already used on ${batch.receivedAt.toISOString()} for a different batch; use a new key for new records (nothing was stored).`,
  );

const tooLarge = (maxBytes: number, closeConnection = false) =>
  new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes.toLocaleString('en-US')} bytes; split the records into smaller batches.`, { closeConnection });

/**
 * Read and throw away the rest of a refused body, so that the answer comes after the
 * client has sent it and the kept-alive connection is in step for the next request
 * (issue 13 item 10: answering while the client still sends makes clients such as curl
 * stop and drop the connection). Nothing is kept. Past `maxDrainBytes` the connection is
 * closed instead (`Connection: close`): reading more would only serve an abuser.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array> | undefined, alreadyRead: number): Promise<boolean> {
  if (!reader) return true;
  let size = alreadyRead;
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (done) return true;
    size += value.byteLength;
    if (size > USAGE_API_LIMITS.maxDrainBytes) {
      await reader.cancel().catch(() => {});
      return false;
    }
  }
}

/** 413 on the declared Content-Length alone, before any other work (the body is only discarded). */
async function checkDeclaredSize(request: Request, maxBytes: number): Promise<void> {
  const declared = request.headers.get('content-length');
  if (declared === null || !(Number(declared) > maxBytes)) return;
  const drained = Number(declared) <= USAGE_API_LIMITS.maxDrainBytes && (await discardRest(request.body?.getReader(), 0));
  throw tooLarge(maxBytes, !drained);
}

/** Read a request body, refusing (413) as soon as it passes `maxBytes`, never buffering more. */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Buffer> {
  await checkDeclaredSize(request, maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      chunks.length = 0;
      throw tooLarge(maxBytes, !(await discardRest(reader, size)));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** Timestamps of this pool may come back as text (see db/client types): read either. */
const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

function header(request: Request, name: string): string | null {
  const v = request.headers.get(name);
  return v === null || v.trim() === '' ? null : v.trim();
}

/**
 * The body as text, refusing bytes that are not UTF-8 (400) rather than storing U+FFFD in
 * their place (issue 13 item 10): the signed bytes and the stored text must say the same.
 */
export function decodeUtf8(body: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new AppError('MALFORMED_BODY', `The body is not valid UTF-8 (at byte ${firstInvalidUtf8(body)}); send UTF-8 text. Nothing was stored.`);
  }
}

/** Offset where the first invalid UTF-8 sequence starts. */
function firstInvalidUtf8(b: Uint8Array): number {
  const valid = (n: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // The longest prefix that is valid or ends inside a sequence (bisection), then back to
  // the end of its last whole character: there the bad sequence starts.
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (valid(mid, true)) lo = mid;
    else hi = mid - 1;
  }
  for (let k = lo; k >= Math.max(0, lo - 3); k--) if (valid(k, false)) return k;
  return lo;
}

/**
 * The records of a signed batch body, ready to store, or the AppError that refuses it:
 * malformed (400), too many (413), no record, refused records (422, each naming its index
 * and field). The common case (JSON Lines, every record accepted) in one pass over the
 * bytes (batch.ts prepareJsonLinesBatch: no parsed record outlives it); anything else
 * through parseBatchBody and validateBatch, which answer as documented. `unknownBook`
 * names a missing price book (a 500, after the body's own errors).
 */
export function acceptBatchBody(
  body: Buffer,
  book: PriceBook | undefined,
  rules: Pick<ValidateOptions, 'sdkAppId' | 'appRefusal'>,
  unknownBook: () => string,
): { book: PriceBook; rows: { prepared: PreparedUsageRows } | { records: ValidRecord[] } } {
  const prepared = book ? prepareJsonLinesBatch(body, { book, ...rules, maxRecords: USAGE_API_LIMITS.maxRecords }) : null;
  if (book && prepared) return { book, rows: { prepared } };
  const parsed = parseBatchBody(decodeUtf8(body), USAGE_API_LIMITS.maxRecords);
  if (!parsed.ok) throw new AppError(parsed.kind === 'too-many' ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_BODY', parsed.message);
  // A line that is not JSON makes the body not JSON Lines: 400 as documented (issue 13 item 10), not a record error.
  const badLine = parsed.format === 'jsonl' ? parsed.items.find((i) => i.itemError) : undefined;
  if (badLine) {
    throw new AppError('MALFORMED_BODY', `The body is not JSON Lines: line ${badLine.line} is ${badLine.itemError!.message}. Send one JSON record per line, or a JSON array; nothing was stored.`);
  }
  if (parsed.items.length === 0) throw new AppError('EMPTY_BATCH', 'The batch has no records.');
  if (!book) throw new Error(unknownBook());
  const valid = validateBatch(parsed.items, { book, ...rules, maxErrors: USAGE_API_LIMITS.maxErrorDetails });
  if (!valid.ok) {
    throw new AppError('INVALID_RECORDS', recordErrorsMessage(valid.errors, valid.errorCount), { details: valid.errors, errorCount: valid.errorCount });
  }
  return { book, rows: { records: valid.records } };
}

/** An accepted batch stored for its signer (an application, or an account usage key), in one transaction (store.ts). */
function storeApiBatch(
  sql: RawSql,
  signer: { accountId: string; sdkAppId: number | null; usageKeyId?: string },
  request: { idempotencyKey: string; bodySha256: string; now: Date },
  batch: ReturnType<typeof acceptBatchBody>,
) {
  return storeUsageBatch(sql, {
    ...signer,
    source: 'api',
    idempotencyKey: request.idempotencyKey,
    bodySha256: request.bodySha256,
    receivedAt: request.now,
    timeZone: batch.book.timeZone,
    ...batch.rows,
    book: batch.book,
  });
}

const accepted = (batch: StoredBatch, sdkAppId: number, replayed: boolean): UsageApiResponse => ({
  status: replayed ? 200 : 201,
  body: { batchId: batch.batchId, sdkAppId, accepted: batch.recordCount, replayed, receivedAt: batch.receivedAt.toISOString() } satisfies AcceptedBatch,
});

function replayOrConflict(batch: StoredBatch, bodySha256: string, sdkAppId: number): UsageApiResponse {
  if (batch.bodySha256 === bodySha256 && batch.sdkAppId === sdkAppId) return accepted(batch, sdkAppId, true);
  throw idempotencyKeyReused(batch);
}

export async function processUsageRequest(sql: RawSql, request: Request, options: { now?: Date } = {}): Promise<UsageApiResponse> {
  const now = options.now ?? systemNow();
  await checkDeclaredSize(request, USAGE_API_LIMITS.maxBodyBytes);

  const { signer, timestamp, signature } = readSigningHeaders((name) => header(request, name));
  const idempotencyKey = header(request, 'idempotency-key');
  if (!idempotencyKey || idempotencyKey.length > USAGE_API_LIMITS.maxIdempotencyKeyLength || !/^[\x21-\x7e]+$/.test(idempotencyKey)) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REQUIRED',
      `Send an Idempotency-Key header (1 to ${USAGE_API_LIMITS.maxIdempotencyKeyLength} printable ASCII characters, unique per batch) so a retried batch is stored once.`,
    );
  }
  const ts = checkTimestamp(timestamp, now);
  if (!ts.ok) {
    throw new AppError(
      'STALE_TIMESTAMP',
      ts.reason === 'malformed'
        ? 'X-Timestamp must be the current time in unix seconds.'
        : `X-Timestamp is ${Math.abs(ts.skewSeconds ?? 0)} s ${(ts.skewSeconds ?? 0) < 0 ? 'behind' : 'ahead of'} the server's time; requests are accepted within ±${USAGE_API_LIMITS.timestampWindowSeconds} s. Check the client's clock and sign again.`,
    );
  }

  const body = await readLimitedBody(request, USAGE_API_LIMITS.maxBodyBytes);
  if (signer.kind === 'usage-key') return processKeySignedBatch(sql, { keyId: signer.keyId, timestamp, signature, idempotencyKey, body, now });
  const sdkAppId = signer.sdkAppId;

  // One round trip: the application, its account, and a batch already stored under this
  // Idempotency-Key (read now, used only once the signature is verified).
  const [app] = await sql<AppRow[]>`
    select a.account_id, a.secret_key_hash, a.previous_secret_key_hash, a.previous_secret_key_expires_at,
           a.enabled, a.free_exhausted_at, acc.status, acc.suspension_reason, acc.price_book_id,
           (select c.now from test_clocks c where c.account_id = a.account_id) as clock_now,
           (select m.latest_at from account_clock_marks m where m.account_id = a.account_id) as clock_mark,
           b.id as batch_id, b.record_count as batch_record_count, b.received_at as batch_received_at,
           b.body_sha256 as batch_body_sha256, b.sdk_app_id as batch_sdk_app_id
    from applications a join accounts acc on acc.id = a.account_id
    left join usage_batches b on b.account_id = a.account_id and b.idempotency_key = ${idempotencyKey}
    where a.sdk_app_id = ${sdkAppId}`;
  // After a rotation the old key signs only within its grace window, on the account's clock (lifecycle.md, Applications).
  const keyHashes = app
    ? signingKeyHashes(
        { secretKeyHash: app.secret_key_hash, previousSecretKeyHash: app.previous_secret_key_hash, previousSecretKeyExpiresAt: asDate(app.previous_secret_key_expires_at) },
        accountTimeFrom({ clock: asDate(app.clock_now), mark: asDate(app.clock_mark) }, now),
      )
    : [];
  // Unknown SDKAppID and wrong key answer alike: the caller learns nothing about other applications.
  if (!app || !keyHashes.some((hash) => verifySignature(hash, timestamp, idempotencyKey, body, signature))) {
    throw new AppError(
      'INVALID_SIGNATURE',
      'The signature does not match: X-Signature must be hex(HMAC-SHA256(key = sha256_hex(secret key), "<X-Timestamp>\\n<Idempotency-Key>\\n<body>")) with the secret key of the application in X-SdkAppId.',
    );
  }

  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const previous = previousBatchOf(app);
  if (previous) return replayOrConflict(previous, bodySha256, sdkAppId);

  const refusal = refusalFor(app, sdkAppId);
  if (refusal) throw refusal;

  const book = findPriceBook(app.price_book_id);
  const batch = acceptBatchBody(body, book, { sdkAppId }, () => `account ${app.account_id} has unknown price book ${app.price_book_id}`);

  const stored = await storeApiBatch(sql, { accountId: app.account_id, sdkAppId }, { idempotencyKey, bodySha256, now }, batch);
  return stored.created ? accepted(stored.batch, sdkAppId, false) : replayOrConflict(stored.batch, bodySha256, sdkAppId);
}

// ---------------------------------------------------------------------------------------
// Batches signed by an account usage key (issue 11; docs/usage-api.md "Signing with an
// account usage key"): the same recipe keyed by the key's stored SHA-256; records of any
// application of the key's account, each checked as the file import checks them.

/** The 201/200 answer to a usage-key batch: no single SDKAppID (`sdkAppId: null`), and how many applications its records name. */
export type AcceptedKeyBatch = { batchId: string; sdkAppId: null; applications: number; accepted: number; replayed: boolean; receivedAt: string };

type KeyRow = AccountAndBatchRow & {
  last_used_at: Date | string | null;
  batch_usage_key_id: string | null;
};

/** last_used_at is written at most once a minute per key: no hot-row update shared by concurrent batches. */
const LAST_USED_EVERY_MS = 60_000;

const acceptedByKey = (batch: StoredBatch, applications: number, replayed: boolean): UsageApiResponse => ({
  status: replayed ? 200 : 201,
  body: { batchId: batch.batchId, sdkAppId: null, applications, accepted: batch.recordCount, replayed, receivedAt: batch.receivedAt.toISOString() } satisfies AcceptedKeyBatch,
});

/** The distinct SDKAppIDs named by a body's items (numbers only: the rest is refused by the schema). */
function namedApps(items: readonly { value: unknown }[]): number[] {
  const apps = new Set<number>();
  for (const { value } of items) {
    const app = value !== null && typeof value === 'object' ? (value as { app?: unknown }).app : undefined;
    if (typeof app === 'number' && Number.isSafeInteger(app) && app > 0) apps.add(app);
  }
  return [...apps];
}

/**
 * A replay (same key, same body: 200 with the stored batch) or a conflict (409: the
 * Idempotency-Key was used for another body, or by another signer: an application or another key).
 */
function replayOrConflictByKey(batch: StoredBatch, batchKeyId: string | null, keyId: string, body: Buffer, bodySha256: string): UsageApiResponse {
  if (batch.bodySha256 === bodySha256 && batch.sdkAppId === null && batchKeyId === keyId) {
    // The same bytes were stored, so they parse as they did: count their applications again.
    const parsed = parseBatchBody(decodeUtf8(body), USAGE_API_LIMITS.maxRecords);
    return acceptedByKey(batch, parsed.ok ? namedApps(parsed.items).length : 0, true);
  }
  throw idempotencyKeyReused(batch);
}

async function processKeySignedBatch(
  sql: RawSql,
  req: { keyId: string; timestamp: string; signature: string; idempotencyKey: string; body: Buffer; now: Date },
): Promise<UsageApiResponse> {
  const { keyId, timestamp, signature, idempotencyKey, body, now } = req;
  // One round trip: the key (revoked keys are not found), its account, and a batch already
  // stored under this Idempotency-Key (used only once the signature is verified).
  const [key] = await sql<KeyRow[]>`
    select k.account_id, k.secret_key_hash, k.last_used_at,
           acc.status, acc.suspension_reason, acc.price_book_id,
           (select c.now from test_clocks c where c.account_id = k.account_id) as clock_now,
           (select m.latest_at from account_clock_marks m where m.account_id = k.account_id) as clock_mark,
           b.id as batch_id, b.record_count as batch_record_count, b.received_at as batch_received_at,
           b.body_sha256 as batch_body_sha256, b.sdk_app_id as batch_sdk_app_id, b.usage_key_id as batch_usage_key_id
    from usage_keys k join accounts acc on acc.id = k.account_id
    left join usage_batches b on b.account_id = k.account_id and b.idempotency_key = ${idempotencyKey}
    where k.id = ${keyId} and k.revoked_at is null`;
  // Unknown, revoked and wrong keys answer alike: the caller learns nothing about keys.
  if (!key || !verifySignature(key.secret_key_hash, timestamp, idempotencyKey, body, signature)) {
    throw new AppError(
      'INVALID_SIGNATURE',
      'The signature does not match: X-Signature must be hex(HMAC-SHA256(key = sha256_hex(secret), "<X-Timestamp>\\n<Idempotency-Key>\\n<body>")) with the secret of the active usage key in X-Usage-Key-Id.',
    );
  }

  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const previous = previousBatchOf(key);
  if (previous) return replayOrConflictByKey(previous, key.batch_usage_key_id, keyId, body, bodySha256);

  // The account's own state (suspended, reclaimed) refuses the whole batch (403); an application's is a record error below.
  const refusal = refusalFor({ enabled: true, free_exhausted_at: null, status: key.status, suspension_reason: key.suspension_reason }, 0);
  if (refusal) throw refusal;

  // The account's applications, read once per batch: each record's `app` must be one that may
  // take usage (app-refusal.ts, as the import checks it); the SDKAppIDs met are counted for the answer.
  const apps = await sql<AppStateRow[]>`select sdk_app_id, enabled, free_exhausted_at from applications where account_id = ${key.account_id}`;
  const refuseApp = accountAppRefusal(key, apps);
  const named = new Set<number>();
  const appRefusal = (app: number): string | null => {
    named.add(app);
    return refuseApp(app);
  };
  const batch = acceptBatchBody(body, findPriceBook(key.price_book_id), { appRefusal }, () => `account ${key.account_id} has unknown price book ${key.price_book_id}`);

  const stored = await storeApiBatch(sql, { accountId: key.account_id, sdkAppId: null, usageKeyId: keyId }, { idempotencyKey, bodySha256, now }, batch);
  if (!stored.created) {
    // A concurrent twin stored it a moment ago: its signer decides replay or conflict.
    const [twin] = await sql<{ usage_key_id: string | null }[]>`select usage_key_id from usage_batches where account_id = ${key.account_id} and idempotency_key = ${idempotencyKey}`;
    return replayOrConflictByKey(stored.batch, twin?.usage_key_id ?? null, keyId, body, bodySha256);
  }
  const accountTime = accountTimeFrom({ clock: asDate(key.clock_now), mark: asDate(key.clock_mark) }, now);
  const lastUsed = asDate(key.last_used_at);
  if (!lastUsed || accountTime.getTime() - lastUsed.getTime() >= LAST_USED_EVERY_MS) {
    await sql`update usage_keys set last_used_at = ${accountTime.toISOString()}
              where account_id = ${key.account_id} and id = ${keyId} and (last_used_at is null or last_used_at < ${accountTime.toISOString()})`;
  }
  return acceptedByKey(stored.batch, named.size, false);
}

/**
 * The route (lib/http/route.ts): a refused Origin or body type first, then the request; an
 * AppError answers its status and `{ error: { code, message, details?, errorCount? } }`
 * (docs/usage-api.md), the database unreachable 503 + Retry-After, anything else a logged 500.
 */
export function usageApiResponse(sql: RawSql, request: Request): Promise<Response> {
  return usageApiRoute(request, { sql });
}

const usageApiRoute = route(
  'usage-api',
  async (request: Request, { sql }: { sql: RawSql }) => {
    const r = await processUsageRequest(sql, request);
    // A few hundred bytes, never cached: `no-transform` keeps Next's compression from
    // opening a gzip stream per batch for a client that accepts gzip (RFC 9111 5.2.2.6).
    return Response.json(r.body, { status: r.status, headers: { 'Cache-Control': 'no-store, no-transform' } });
  },
  {
    // Signed by HMAC and sent by servers (no Origin): only the body type and a foreign Origin are refused.
    mutation: { auth: 'signed', accept: USAGE_API_MEDIA_TYPES },
    // The batch was not stored, or was and its answer was lost: a retry with the same Idempotency-Key is stored once.
    internalMessage: 'Something went wrong on our side. It has been logged; retry the batch with the same Idempotency-Key.',
    securityHeaders: true,
  },
);
