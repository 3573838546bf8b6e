import { randomUUID } from 'node:crypto';
import { and, eq, sql as dsql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { accounts, applications, usageBatches, usageKeys, usageRecords } from '@/db/schema';
import { createUsageKey, revokeUsageKey } from '@/lib/applications/usage-keys';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication, setTestClock, mediaRecord } from '@/tests/factories';
import { usageApiResponse } from './api';
import { listDailyUsage } from './queries';
import { signedUsageHeaders } from './signature';

/**
 * Batches signed by an account usage key (issue 11; docs/usage-api.md "Signing with an
 * account usage key"): records of any application of the key's account, each checked as the
 * file import checks it; the application-signed path unchanged.
 */
const { db, sql } = testDb();

const media = mediaRecord;

async function setup() {
  const account = await createTestAccount(db);
  const a = await createTestApplication(db, account.accountId, { name: 'App A' });
  const b = await createTestApplication(db, account.accountId, { name: 'App B' });
  const { key, secretKey } = await createUsageKey(db, account, { name: 'Pipeline' });
  return { ...account, a, b, key: { id: key.id, secretKey } };
}

type Signer = { usageKeyId: string; secretKey: string } | { sdkAppId: number; secretKey: string };
function request(signer: Signer, body: string, options: { key?: string; headers?: Record<string, string> } = {}): Request {
  const headers = { ...signedUsageHeaders({ ...signer, body, idempotencyKey: options.key ?? randomUUID() } as Parameters<typeof signedUsageHeaders>[0]), ...options.headers };
  return new Request('http://localhost/api/v1/usage', { method: 'POST', headers, body });
}
const byKey = (k: { id: string; secretKey: string }) => ({ usageKeyId: k.id, secretKey: k.secretKey });

async function send(req: Request) {
  const res = await usageApiResponse(sql, req);
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as { error?: { code: string; message: string; details?: { index: number; field: string; message: string }[] } } & Record<string, unknown> };
}

async function stored(accountId: string) {
  const [r] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageRecords).where(eq(usageRecords.accountId, accountId));
  const [b] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageBatches).where(eq(usageBatches.accountId, accountId));
  return { records: r?.n ?? 0, batches: b?.n ?? 0 };
}

describe('POST /api/v1/usage signed by an account usage key', () => {
  test('a batch mixing two applications is stored as one batch (sdk_app_id null), with each application’s aggregates', async () => {
    const { accountId, a, b, key } = await setup();
    const body = [media(a.sdkAppId), media(b.sdkAppId, { seconds: 30, receive: [] }), media(a.sdkAppId, { user: 'u2', start: '2024-10-08T23:59:00+08:00', seconds: 120, receive: [] })]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const r = await send(request(byKey(key), body));
    expect(r.status).toBe(201);
    // Documented shape: no single SDKAppID, how many applications the records name (keys in this order).
    expect(Object.keys(r.json)).toEqual(['batchId', 'sdkAppId', 'applications', 'accepted', 'replayed', 'receivedAt']);
    expect(r.json).toMatchObject({ sdkAppId: null, applications: 2, accepted: 3, replayed: false });

    const [batch] = await db.select().from(usageBatches).where(and(eq(usageBatches.accountId, accountId), eq(usageBatches.id, r.json.batchId as string)));
    expect(batch).toMatchObject({ sdkAppId: null, usageKeyId: key.id, source: 'api', recordCount: 3 });
    const rows = await db.select({ app: usageRecords.sdkAppId, batchId: usageRecords.batchId }).from(usageRecords).where(eq(usageRecords.accountId, accountId)).orderBy(usageRecords.id);
    expect(rows).toEqual([a.sdkAppId, b.sdkAppId, a.sdkAppId].map((app) => ({ app, batchId: r.json.batchId })));

    // Aggregates kept per application (rating.md section 3: the 23:59 record splits at midnight).
    const daily = await listDailyUsage(db, accountId, { from: '2024-10-01', to: '2024-10-31' });
    expect(daily.map((d) => [d.localDay, d.sdkAppId, d.item, d.seconds, d.records])).toEqual([
      ['2024-10-08', a.sdkAppId, 'audio', 60, 1],
      ['2024-10-08', a.sdkAppId, 'hd', 90, 1],
      ['2024-10-08', b.sdkAppId, 'audio', 30, 1],
      ['2024-10-09', a.sdkAppId, 'audio', 60, 1],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || Number(x[1]) - Number(y[1]) || String(x[2]).localeCompare(String(y[2]))));

    // last_used_at is written (account time: no test clock here, so real time).
    const [k] = await db.select().from(usageKeys).where(eq(usageKeys.id, key.id));
    expect(k?.lastUsedAt).toBeInstanceOf(Date);
  });

  test('a record naming another account’s application, a disabled one or a Free one out of minutes → 422 naming index and field app; nothing stored', async () => {
    const { accountId, a, b, key } = await setup();
    const other = await createTestAccount(db);
    const foreign = await createTestApplication(db, other.accountId);
    await db.update(applications).set({ enabled: false }).where(eq(applications.id, b.id));
    const c = await createTestApplication(db, accountId, { name: 'App C' });
    await db.update(applications).set({ freeExhaustedAt: new Date() }).where(eq(applications.id, c.id));
    const body = JSON.stringify([media(a.sdkAppId), media(foreign.sdkAppId), media(b.sdkAppId), media(c.sdkAppId), media(a.sdkAppId)]);
    const r = await send(request(byKey(key), body));
    expect([r.status, r.json.error?.code]).toEqual([422, 'INVALID_RECORDS']);
    expect(r.json.error?.details?.map((d) => [d.index, d.field])).toEqual([[1, 'app'], [2, 'app'], [3, 'app']]);
    expect(r.json.error?.details?.[0]?.message).toBe(`${foreign.sdkAppId} is not an SDKAppID of this account`);
    expect(r.json.error?.details?.[1]?.message).toMatch(/disabled/);
    expect(r.json.error?.details?.[2]?.message).toMatch(/free minutes/);
    expect(await stored(accountId)).toEqual({ records: 0, batches: 0 });
    expect(await stored(other.accountId)).toEqual({ records: 0, batches: 0 });
  });

  test('a revoked key, an unknown key and a wrong secret answer alike: 401 INVALID_SIGNATURE, same message, nothing stored', async () => {
    const { accountId, userId, a, key } = await setup();
    const body = JSON.stringify([media(a.sdkAppId)]);
    const wrong = await send(request({ usageKeyId: key.id, secretKey: 'sk_not-the-secret' }, body));
    const unknown = await send(request({ usageKeyId: 'uk_AAAAAAAAAAAAAAAAAAAAAA', secretKey: key.secretKey }, body));
    await revokeUsageKey(db, { accountId, userId }, key.id);
    const revoked = await send(request(byKey(key), body));
    for (const r of [wrong, unknown, revoked]) expect([r.status, r.json.error?.code]).toEqual([401, 'INVALID_SIGNATURE']);
    expect(new Set([wrong.text, unknown.text, revoked.text]).size).toBe(1);
    expect(await stored(accountId)).toEqual({ records: 0, batches: 0 });
  });

  test('replay: the same body by the same key → 200 replayed; another body, another key or an application with the same Idempotency-Key → 409', async () => {
    const { accountId, a, b, key } = await setup();
    const second = await createUsageKey(db, { accountId, userId: null }, { name: 'Second' });
    const body = JSON.stringify([media(a.sdkAppId), media(b.sdkAppId)]);
    const first = await send(request(byKey(key), body, { key: 'batch-1' }));
    expect(first.status).toBe(201);
    const again = await send(request(byKey(key), body, { key: 'batch-1' }));
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first.json, replayed: true });
    for (const r of [
      await send(request(byKey(key), JSON.stringify([media(a.sdkAppId)]), { key: 'batch-1' })),
      await send(request({ usageKeyId: second.key.id, secretKey: second.secretKey }, body, { key: 'batch-1' })),
      await send(request({ sdkAppId: a.sdkAppId, secretKey: a.secretKey }, body, { key: 'batch-1' })),
    ]) {
      expect([r.status, r.json.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    }
    // An application's batch replayed by the key is refused as well.
    const appBody = JSON.stringify([media(a.sdkAppId)]);
    expect((await send(request({ sdkAppId: a.sdkAppId, secretKey: a.secretKey }, appBody, { key: 'batch-2' }))).status).toBe(201);
    expect((await send(request(byKey(key), appBody, { key: 'batch-2' }))).status).toBe(409);
    expect(await stored(accountId)).toEqual({ records: 3, batches: 2 });
  });

  test('a suspended or reclaimed account → 403 ACCOUNT_SUSPENDED for the whole batch; nothing stored', async () => {
    const { accountId, a, key } = await setup();
    await db.update(accounts).set({ status: 'suspended', suspensionReason: 'arrears', suspendedAt: new Date() }).where(eq(accounts.id, accountId));
    const r = await send(request(byKey(key), JSON.stringify([media(a.sdkAppId)])));
    expect([r.status, r.json.error?.code]).toEqual([403, 'ACCOUNT_SUSPENDED']);
    expect(r.json.error?.message).toMatch(/suspended for arrears: top up/);
    await db.update(accounts).set({ status: 'reclaimed' }).where(eq(accounts.id, accountId));
    expect((await send(request(byKey(key), JSON.stringify([media(a.sdkAppId)])))).json.error?.message).toMatch(/reclaimed/);
    expect(await stored(accountId)).toEqual({ records: 0, batches: 0 });
  });

  test('last_used_at follows the account clock and is written at most once a minute', async () => {
    const { accountId, a, key } = await setup();
    await setTestClock(db, accountId, new Date('2024-10-08T10:00:00+08:00'));
    expect((await send(request(byKey(key), JSON.stringify([media(a.sdkAppId)])))).status).toBe(201);
    const read = async () => (await db.select().from(usageKeys).where(eq(usageKeys.id, key.id)))[0]?.lastUsedAt?.toISOString();
    expect(await read()).toBe('2024-10-08T02:00:00.000Z');
    await setTestClock(db, accountId, new Date('2024-10-08T10:00:30+08:00'));
    expect((await send(request(byKey(key), JSON.stringify([media(a.sdkAppId)])))).status).toBe(201);
    expect(await read()).toBe('2024-10-08T02:00:00.000Z');
    await setTestClock(db, accountId, new Date('2024-10-08T10:05:00+08:00'));
    expect((await send(request(byKey(key), JSON.stringify([media(a.sdkAppId)])))).status).toBe(201);
    expect(await read()).toBe('2024-10-08T02:05:00.000Z');
  });

  test('an application-signed batch answers exactly as before (keys and order), and a record of another application is still refused', async () => {
    const { a, b } = await setup();
    const r = await send(request({ sdkAppId: a.sdkAppId, secretKey: a.secretKey }, JSON.stringify([media(a.sdkAppId)])));
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(['batchId', 'sdkAppId', 'accepted', 'replayed', 'receivedAt']);
    expect(r.json).toMatchObject({ sdkAppId: a.sdkAppId, accepted: 1, replayed: false });
    const mixed = await send(request({ sdkAppId: a.sdkAppId, secretKey: a.secretKey }, JSON.stringify([media(a.sdkAppId), media(b.sdkAppId)])));
    expect(mixed.status).toBe(422);
    expect(mixed.json.error?.details?.map((d) => [d.index, d.field])).toEqual([[1, 'app']]);
  });

  test('both signer headers at once → 401 UNSIGNED', async () => {
    const { a, key } = await setup();
    const r = await send(request(byKey(key), JSON.stringify([media(a.sdkAppId)]), { headers: { 'X-SdkAppId': String(a.sdkAppId) } }));
    expect([r.status, r.json.error?.code]).toEqual([401, 'UNSIGNED']);
  });
});
