import { randomUUID } from 'node:crypto';
import { and, eq, ne, sql as dsql } from 'drizzle-orm';
import { listDailyUsage } from '@/lib/usage/queries';
import { describe, expect, test } from 'vitest';
import { accounts, applications, usageAggregates, usageBatches, usageRecords } from '@/db/schema';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication, mediaRecord } from '@/tests/factories';
import { classifyRecord, getPriceBook, type UsageRecord } from '@/lib/rating';
import { usageApiResponse } from './api';
import { storeUsageBatch } from './store';
import { USAGE_API_LIMITS } from './limits';
import { signedUsageHeaders } from './signature';

const { db, sql } = testDb();

const media = mediaRecord;

async function setup() {
  const account = await createTestAccount(db);
  const app = await createTestApplication(db, account.accountId);
  return { ...account, app };
}

function signedRequest(
  app: { sdkAppId: number; secretKey: string },
  body: string,
  options: { key?: string; now?: Date; secretKey?: string; headers?: Record<string, string | null> } = {},
): Request {
  const headers: Record<string, string> = signedUsageHeaders({
    sdkAppId: app.sdkAppId,
    secretKey: options.secretKey ?? app.secretKey,
    body,
    idempotencyKey: options.key ?? randomUUID(),
    now: options.now,
  });
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return new Request('http://localhost/api/v1/usage', { method: 'POST', headers, body });
}

async function send(request: Request) {
  const res = await usageApiResponse(sql, request);
  return { status: res.status, cacheControl: res.headers.get('cache-control'), json: (await res.json()) as { error?: { code: string; message: string; details?: { index: number; field: string; message: string; line?: number }[] } } & Record<string, unknown> };
}

async function storedCount(accountId: string) {
  const [r] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageRecords).where(eq(usageRecords.accountId, accountId));
  const [b] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageBatches).where(eq(usageBatches.accountId, accountId));
  // Usage statistics rows: the (day, app, item) keys of the aggregates kept at ingest (issue 11).
  const [d] = await db.select({ n: dsql<number>`count(distinct (local_day, sdk_app_id, item))::int` }).from(usageAggregates).where(and(eq(usageAggregates.accountId, accountId), ne(usageAggregates.item, '')));
  return { records: r?.n ?? 0, batches: b?.n ?? 0, daily: d?.n ?? 0 };
}

describe('POST /api/v1/usage', () => {
  test('a good batch (JSON array) is stored with its batch row and daily statistics', async () => {
    const { accountId, app } = await setup();
    const body = JSON.stringify([media(app.sdkAppId), media(app.sdkAppId, { user: 'u2', start: '2024-10-08T23:59:00+08:00', seconds: 120, receive: [] })]);
    const { status, json, cacheControl } = await send(signedRequest(app, body));
    expect(status).toBe(201);
    expect(json).toMatchObject({ sdkAppId: app.sdkAppId, accepted: 2, replayed: false });
    // Never cached, and no gzip stream opened for a few hundred bytes (Next compresses what may be transformed).
    expect(cacheControl).toBe('no-store, no-transform');

    const rows = await db.select().from(usageRecords).where(eq(usageRecords.accountId, accountId)).orderBy(usageRecords.id);
    expect(rows.map((r) => [r.type, r.localDay, r.seconds, r.sdkAppId, r.batchId])).toEqual([
      ['media', '2024-10-08', 90, app.sdkAppId, json.batchId],
      ['media', '2024-10-08', 120, app.sdkAppId, json.batchId],
    ]);
    expect(rows[0]?.record).toEqual(media(app.sdkAppId));
    expect(rows[0]?.start.toISOString()).toBe('2024-10-08T02:00:00.000Z');

    // The 23:59 record crosses midnight: 60 s of audio on the 8th, 60 s on the 9th (rating.md section 3).
    const daily = await listDailyUsage(db, accountId, { from: '2024-10-01', to: '2024-10-31' });
    expect(daily.map((d) => [d.localDay, d.item, d.seconds, d.records])).toEqual([
      ['2024-10-08', 'audio', 60, 1],
      ['2024-10-08', 'hd', 90, 1],
      ['2024-10-09', 'audio', 60, 1],
    ]);
  });

  test('a good batch as JSON Lines is stored; statistics add up across batches', async () => {
    const { accountId, app } = await setup();
    const lines = [media(app.sdkAppId), media(app.sdkAppId, { seconds: 30 })].map((r) => JSON.stringify(r)).join('\n');
    expect((await send(signedRequest(app, lines))).status).toBe(201);
    expect((await send(signedRequest(app, `${JSON.stringify(media(app.sdkAppId, { seconds: 5 }))}\n`))).status).toBe(201);
    const [hd] = await listDailyUsage(db, accountId, { from: '2024-10-01', to: '2024-10-31', item: 'hd' });
    expect([hd?.seconds, hd?.records]).toEqual([125, 3]);
    expect(await storedCount(accountId)).toEqual({ records: 3, batches: 2, daily: 1 });
  });

  test('the route handler answers the same way', async () => {
    const { app } = await setup();
    const { POST } = await import('@/app/api/v1/usage/route');
    const res = await POST(signedRequest(app, JSON.stringify([media(app.sdkAppId)])));
    expect(res.status).toBe(201);
  });

  test.each([
    ['no signature headers at all', { 'X-Signature': null, 'X-Timestamp': null, 'X-SdkAppId': null }, 401, 'UNSIGNED'],
    ['no X-Signature', { 'X-Signature': null }, 401, 'UNSIGNED'],
    ['no Idempotency-Key', { 'Idempotency-Key': null }, 400, 'IDEMPOTENCY_KEY_REQUIRED'],
    ['a forged signature', { 'X-Signature': 'ab'.repeat(32) }, 401, 'INVALID_SIGNATURE'],
    ['an unknown SDKAppID', { 'X-SdkAppId': '1399999999' }, 401, 'INVALID_SIGNATURE'],
  ])('%s → %i %s, nothing stored', async (_label, headers, status, code) => {
    const { accountId, app } = await setup();
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)]), { headers }));
    expect([r.status, r.json.error?.code]).toEqual([status, code]);
    expect(r.json.error?.message.length).toBeGreaterThan(20);
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('a stale timestamp (10 minutes old) → 401, nothing stored', async () => {
    const { accountId, app } = await setup();
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)]), { now: new Date(Date.now() - 600_000) }));
    expect([r.status, r.json.error?.code]).toEqual([401, 'STALE_TIMESTAMP']);
    expect(r.json.error?.message).toMatch(/behind the server's time.*±300 s/);
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test("the wrong application's key → 401, nothing stored", async () => {
    const { accountId, app } = await setup();
    const other = await createTestApplication(db, accountId, { name: 'Other' });
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)]), { secretKey: other.secretKey }));
    expect([r.status, r.json.error?.code]).toEqual([401, 'INVALID_SIGNATURE']);
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('a body changed after signing → 401', async () => {
    const { app } = await setup();
    const req = signedRequest(app, JSON.stringify([media(app.sdkAppId)]));
    const tampered = new Request(req.url, { method: 'POST', headers: req.headers, body: JSON.stringify([media(app.sdkAppId, { seconds: 1 })]) });
    expect((await send(tampered)).status).toBe(401);
  });

  test('a malformed record → 422 naming index and field; the good records of the batch are not stored', async () => {
    const { accountId, app } = await setup();
    const body = JSON.stringify([media(app.sdkAppId), media(app.sdkAppId, { seconds: 1.5 }), media(app.sdkAppId, { receive: [{ stream: 's', audio: true, video: [1280] }] })]);
    const r = await send(signedRequest(app, body));
    expect([r.status, r.json.error?.code]).toEqual([422, 'INVALID_RECORDS']);
    expect(r.json.error?.details).toEqual([
      { index: 1, field: 'seconds', message: expect.stringContaining('integer') },
      { index: 2, field: 'receive[0].video', message: expect.stringContaining('[width, height]') },
    ]);
    expect(r.json.error?.message).toContain('record 1: seconds');
    expect((r.json.error as { errorCount?: number }).errorCount).toBe(2);
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('JSON Lines errors carry the line number', async () => {
    const { app } = await setup();
    const body = `${JSON.stringify(media(app.sdkAppId))}\n\n${JSON.stringify(media(app.sdkAppId, { app: 1 }))}`;
    const r = await send(signedRequest(app, body));
    expect(r.json.error?.details).toEqual([{ index: 1, line: 3, field: 'app', message: expect.stringContaining(`must be ${app.sdkAppId}`) }]);
  });

  test('a body that is not JSON → 400', async () => {
    const { app } = await setup();
    const r = await send(signedRequest(app, '[not json'));
    expect([r.status, r.json.error?.code]).toEqual([400, 'MALFORMED_BODY']);
  });

  test('an empty batch → 422', async () => {
    const { app } = await setup();
    expect((await send(signedRequest(app, '[]'))).status).toBe(422);
  });

  test('too large by bytes → 413 before the body is parsed, nothing stored', async () => {
    const { accountId, app } = await setup();
    const big = JSON.stringify(Array.from({ length: 30_000 }, (_, i) => media(app.sdkAppId, { user: `user-${i}-${'x'.repeat(150)}` })));
    expect(big.length).toBeGreaterThan(USAGE_API_LIMITS.maxBodyBytes);
    const r = await send(signedRequest(app, big));
    expect([r.status, r.json.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(r.json.error?.message).toMatch(/larger than 5,242,880 bytes/);
    // Without Content-Length (chunked), the limit is counted while reading.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 8; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024)));
        c.close();
      },
    });
    const chunked = new Request('http://localhost/api/v1/usage', { method: 'POST', headers: signedRequest(app, 'x').headers, body: stream, duplex: 'half' } as RequestInit);
    expect((await send(chunked)).status).toBe(413);
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('too many records → 413', async () => {
    const { accountId, app } = await setup();
    const lines = Array.from({ length: USAGE_API_LIMITS.maxRecords + 1 }, () => `{"type":"screenshot","app":${app.sdkAppId},"start":"2024-10-08T10:00:00+08:00","count":1}`).join('\n');
    const r = await send(signedRequest(app, lines));
    expect([r.status, r.json.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(r.json.error?.message).toContain('10000 per request');
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('a replayed Idempotency-Key is accepted once: the retry answers 200 with the first result', async () => {
    const { accountId, app } = await setup();
    const body = JSON.stringify([media(app.sdkAppId), media(app.sdkAppId, { user: 'u2' })]);
    const first = await send(signedRequest(app, body, { key: 'batch-0001' }));
    // A retry signs again (new timestamp), same key and body.
    const retry = await send(signedRequest(app, body, { key: 'batch-0001', now: new Date(Date.now() + 2000) }));
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ batchId: first.json.batchId, accepted: 2, replayed: true });
    expect(await storedCount(accountId)).toEqual({ records: 2, batches: 1, daily: 1 });
  });

  test('the same Idempotency-Key with another body → 409, nothing more stored', async () => {
    const { accountId, app } = await setup();
    await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)]), { key: 'k-1' }));
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId, { seconds: 91 })]), { key: 'k-1' }));
    expect([r.status, r.json.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await storedCount(accountId)).toEqual({ records: 1, batches: 1, daily: 1 });
  });

  test('concurrent twins with one Idempotency-Key store the batch once', async () => {
    const { accountId, app } = await setup();
    const body = JSON.stringify([media(app.sdkAppId)]);
    const results = await Promise.all(Array.from({ length: 6 }, () => send(signedRequest(app, body, { key: 'twin' }))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json.batchId)).size).toBe(1);
    expect(await storedCount(accountId)).toEqual({ records: 1, batches: 1, daily: 1 });
  });

  test('a record PostgreSQL could not store (U+0000 in jsonb) → 422 naming the field, nothing stored', async () => {
    const { accountId, app } = await setup();
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId), media(app.sdkAppId, { user: 'u\u0000x' })]), { key: 'nul' }));
    expect([r.status, r.json.error?.code]).toEqual([422, 'INVALID_RECORDS']);
    expect(r.json.error?.details?.[0]).toMatchObject({ index: 1, field: 'user' });
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('a record the database refuses after the last COPY chunk rolls the batch back instead of hanging it', async () => {
    // Validation refuses fractional seconds first (lib/rating schemas); storing such a record
    // directly shows the COPY path still fails like any statement: PostgreSQL refuses the
    // integer column's value after CopyDone.
    const { accountId, app } = await setup();
    const book = getPriceBook('trtc-2024-usd');
    const bad = media(app.sdkAppId, { seconds: 1.5 }) as unknown as UsageRecord;
    const input = { accountId, sdkAppId: app.sdkAppId, source: 'api' as const, idempotencyKey: 'nul', bodySha256: 'x', receivedAt: new Date(), timeZone: book.timeZone };
    await expect(storeUsageBatch(sql, { ...input, records: [{ record: bad, pieces: classifyRecord(book, bad) }] })).rejects.toThrow();
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
    // The key was released with the rolled-back transaction, and no connection was left in it.
    expect((await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)]), { key: 'nul' }))).status).toBe(201);
    const [aborted] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`;
    expect(aborted?.n).toBe(0);
  }, 15_000);

  test('a disabled application → 403, nothing stored', async () => {
    const { accountId, app } = await setup();
    await db.update(applications).set({ enabled: false }).where(eq(applications.id, app.id));
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)])));
    expect([r.status, r.json.error?.code]).toEqual([403, 'APPLICATION_DISABLED']);
    expect(r.json.error?.message).toContain('enable it');
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('an account suspended for arrears → 403 telling to top up; reclaimed and violation say so too', async () => {
    const { accountId, app } = await setup();
    await db.update(accounts).set({ status: 'suspended', suspensionReason: 'arrears', suspendedAt: new Date() }).where(eq(accounts.id, accountId));
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)])));
    expect([r.status, r.json.error?.code]).toEqual([403, 'ACCOUNT_SUSPENDED']);
    expect(r.json.error?.message).toMatch(/suspended for arrears: top up/);
    await db.update(accounts).set({ suspensionReason: 'violation' }).where(eq(accounts.id, accountId));
    expect((await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)])))).json.error?.message).toMatch(/violation/);
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('an overdue account still sends usage (overdue does not stop service)', async () => {
    const { accountId, app } = await setup();
    await db.update(accounts).set({ status: 'overdue', overdueSince: new Date() }).where(eq(accounts.id, accountId));
    expect((await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)])))).status).toBe(201);
  });

  test('a Free-edition application that used up its free minutes → 403 explaining how to resume', async () => {
    const { accountId, app } = await setup();
    await db.update(applications).set({ freeExhaustedAt: new Date() }).where(eq(applications.id, app.id));
    const r = await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)])));
    expect([r.status, r.json.error?.code]).toEqual([403, 'FREE_MINUTES_EXHAUSTED']);
    expect(r.json.error?.message).toMatch(/buy a package.*next month's free minutes/);
    expect(await storedCount(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });
  });

  test('a replay of an accepted batch still answers 200 after the application is disabled', async () => {
    const { app } = await setup();
    const body = JSON.stringify([media(app.sdkAppId)]);
    await send(signedRequest(app, body, { key: 'before' }));
    await db.update(applications).set({ enabled: false }).where(eq(applications.id, app.id));
    expect((await send(signedRequest(app, body, { key: 'before' }))).status).toBe(200);
  });
});

describe('secret key rotation (lifecycle.md, Applications; issue 10, item 7)', () => {
  test('the old key signs for 24 hours on the account clock, then 401; a leaked key stops at once; the new key signs', async () => {
    const { accountId, userId, app } = await setup();
    const { setTestClock } = await import('@/tests/factories');
    const { rotateSecretKey } = await import('@/lib/applications/service');
    await setTestClock(db, accountId, new Date('2024-10-08T10:00:00+08:00'));
    const body = () => JSON.stringify([media(app.sdkAppId)]);

    const r = await rotateSecretKey(db, { accountId, userId, applicationId: app.id, leaked: false });
    expect(r.previousValidUntil?.toISOString()).toBe('2024-10-09T02:00:00.000Z');
    expect((await send(signedRequest(app, body(), { secretKey: r.secretKey }))).status).toBe(201);
    expect((await send(signedRequest(app, body()))).status).toBe(201);

    // 23:59 later on the account's clock: still signs; 24 hours later: refused like any wrong key.
    await setTestClock(db, accountId, new Date('2024-10-09T09:59:00+08:00'));
    expect((await send(signedRequest(app, body()))).status).toBe(201);
    await setTestClock(db, accountId, new Date('2024-10-09T10:00:00+08:00'));
    const late = await send(signedRequest(app, body()));
    expect(late.status).toBe(401);
    expect(late.json.error?.code).toBe('INVALID_SIGNATURE');
    expect((await send(signedRequest(app, body(), { secretKey: r.secretKey }))).status).toBe(201);

    // It leaked: the key just replaced stops at once.
    const leaked = await rotateSecretKey(db, { accountId, userId, applicationId: app.id, leaked: true });
    expect(leaked.previousValidUntil).toBeNull();
    expect((await send(signedRequest(app, body(), { secretKey: r.secretKey }))).status).toBe(401);
    expect((await send(signedRequest(app, body(), { secretKey: leaked.secretKey }))).status).toBe(201);
  });

  test("another account's application cannot be rotated (NOT_FOUND), and nothing changes", async () => {
    const { app } = await setup();
    const other = await createTestAccount(db);
    const { rotateSecretKey } = await import('@/lib/applications/service');
    const err = await rotateSecretKey(db, { accountId: other.accountId, userId: other.userId, applicationId: app.id, leaked: false }).catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
    const [row] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(row).toMatchObject({ secretKeyHash: app.secretKeyHash, previousSecretKeyHash: null, secretKeyRotatedAt: null });
    expect((await send(signedRequest(app, JSON.stringify([media(app.sdkAppId)])))).status).toBe(201);
  });
});
