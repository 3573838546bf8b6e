import { randomUUID } from 'node:crypto';
import { eq, sql as dsql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { usageBatches, usageRecords } from '@/db/schema';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { usageApiResponse } from './api';
import { importUsageFile } from './import';
import { AppError } from '@/lib/errors';
import { signUsageRequest } from './signature';

/** Issue 13 item 10: the usage API's edges (resolutions, UTF-8, malformed JSON Lines, body types). */
const { db, sql } = testDb();

const media = (app: number, video: unknown = [1280, 720]) => ({
  type: 'media', app, user: 'u1', room: 'r1', start: '2024-10-08T10:00:00+08:00', seconds: 90, receive: [{ stream: 's1', audio: true, video }],
});

async function setup() {
  const account = await createTestAccount(db);
  const app = await createTestApplication(db, account.accountId);
  return { ...account, app };
}

function signed(app: { sdkAppId: number; secretKey: string }, body: Buffer | string, contentType = 'application/json'): Request {
  const ts = String(Math.floor(Date.now() / 1000));
  const key = randomUUID();
  const headers = { 'Content-Type': contentType, 'X-SdkAppId': String(app.sdkAppId), 'X-Timestamp': ts, 'Idempotency-Key': key, 'X-Signature': signUsageRequest(app.secretKey, ts, key, body) };
  return new Request("http://localhost/api/v1/usage", { method: "POST", headers, body: typeof body === "string" ? body : new Uint8Array(body) });
}

async function send(request: Request) {
  const res = await usageApiResponse(sql, request);
  return { status: res.status, json: (await res.json()) as { error?: { code: string; message: string; details?: { field: string; message: string }[] } } };
}

async function stored(accountId: string) {
  const [r] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageRecords).where(eq(usageRecords.accountId, accountId));
  const [b] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageBatches).where(eq(usageBatches.accountId, accountId));
  return { records: r?.n ?? 0, batches: b?.n ?? 0 };
}

describe('usage API edges', () => {
  test.each([
    ['[1e9, 1e9]', [1e9, 1e9], /each side must be at most 7680 pixels/],
    ['a side over 7680', [7681, 1], /each side must be at most 7680/],
    ['7680x7680 (area over 8K UHD)', [7680, 7680], /area must be at most 7680x4320 = 33,177,600 pixels/],
  ])('video %s → 422 naming the field and the limit; nothing stored', async (_name, video, message) => {
    const { accountId, app } = await setup();
    const r = await send(signed(app, JSON.stringify([media(app.sdkAppId, video)])));
    expect([r.status, r.json.error?.code]).toEqual([422, 'INVALID_RECORDS']);
    expect(r.json.error?.details?.[0]).toMatchObject({ field: 'receive[0].video', message: expect.stringMatching(message) });
    expect(await stored(accountId)).toEqual({ records: 0, batches: 0 });
  });

  test('8K UHD in either orientation is what a camera sends: accepted', async () => {
    const { app } = await setup();
    expect((await send(signed(app, JSON.stringify([media(app.sdkAppId, [7680, 4320]), media(app.sdkAppId, [4320, 7680])])))).status).toBe(201);
  });

  test('invalid UTF-8 → 400 MALFORMED_BODY naming the byte; nothing stored (no U+FFFD)', async () => {
    const { accountId, app } = await setup();
    const text = JSON.stringify([{ ...media(app.sdkAppId), user: 'uXX' }]);
    const body = Buffer.from(text, 'utf8');
    const at = body.indexOf('XX');
    body[at] = 0xc3; // a lead byte followed by 'X': not UTF-8
    const r = await send(signed(app, body));
    expect([r.status, r.json.error?.code]).toEqual([400, 'MALFORMED_BODY']);
    expect(r.json.error?.message).toContain(`at byte ${at}`);
    expect(await stored(accountId)).toEqual({ records: 0, batches: 0 });
  });

  test('a malformed JSON Lines body → 400 MALFORMED_BODY naming the line (docs/usage-api.md), not 422', async () => {
    const { accountId, app } = await setup();
    const body = `${JSON.stringify(media(app.sdkAppId))}\n{"type": "media"\n`;
    const r = await send(signed(app, body, 'application/x-ndjson'));
    expect([r.status, r.json.error?.code]).toEqual([400, 'MALFORMED_BODY']);
    expect(r.json.error?.message).toMatch(/line 2 is not valid JSON/);
    expect(await stored(accountId)).toEqual({ records: 0, batches: 0 });
  });

  test('body types: JSON and JSON Lines types are accepted; text/plain → 415 before anything is read', async () => {
    const { accountId, app } = await setup();
    const line = JSON.stringify(media(app.sdkAppId));
    expect((await send(signed(app, line, 'application/x-ndjson'))).status).toBe(201);
    expect((await send(signed(app, line, 'application/jsonl'))).status).toBe(201);
    const r = await send(signed(app, line, 'text/plain'));
    expect([r.status, r.json.error?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await stored(accountId)).toEqual({ records: 2, batches: 2 });
  });

  test('the file import refuses invalid UTF-8 too (400), stores nothing', async () => {
    const { accountId, app } = await setup();
    const bytes = Buffer.from(`${JSON.stringify(media(app.sdkAppId))}\n`, 'utf8');
    bytes[bytes.indexOf('u1')] = 0xff;
    const err = await importUsageFile(sql, { accountId, now: new Date(), body: (async function* () { yield new Uint8Array(bytes); })() }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect([err.status, err.code]).toEqual([400, 'MALFORMED_BODY']);
    expect(await stored(accountId)).toEqual({ records: 0, batches: 0 });
  });
});
