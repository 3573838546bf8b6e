import { expect, test } from './fixtures-test';
import { accountIdOf, createAppDirect } from './fixtures-dev';
import { mediaRecord, sendUsage, storedUsage } from './fixtures-usage';
import { newCustomer } from './fixtures-auth';

test('bad batches get the right status and message, and store nothing; a replay is accepted once', async ({ page }) => {
  const me = await newCustomer(page, { name: 'Ingest Checks Ltd' });
  const accountId = await accountIdOf(me.email);
  const app = await createAppDirect(accountId, { name: 'Ingest App', edition: 'lite' });
  const other = await createAppDirect(accountId, { name: 'Other App', edition: 'lite' });
  const at = new Date('2024-10-08T02:00:00Z');
  const body = JSON.stringify([mediaRecord(app.sdkAppId, at, 90, [1280, 720]), mediaRecord(app.sdkAppId, at, 30)]);

  const cases: [string, Promise<{ status: number; json: { error?: { code: string; message: string } } }>, number, string, RegExp][] = [
    ['unsigned', sendUsage(page.request, app, body, { drop: ['X-Signature', 'X-Timestamp'] }), 401, 'UNSIGNED', /not signed: missing X-Timestamp, X-Signature/],
    ['stale timestamp', sendUsage(page.request, app, body, { now: new Date(Date.now() - 15 * 60_000) }), 401, 'STALE_TIMESTAMP', /9\d\d s behind the server's time/],
    ["another application's key", sendUsage(page.request, app, body, { secretKey: other.secretKey }), 401, 'INVALID_SIGNATURE', /signature does not match/],
    ['malformed record', sendUsage(page.request, app, JSON.stringify([mediaRecord(app.sdkAppId, at, 90), { ...mediaRecord(app.sdkAppId, at, 90), seconds: 'ninety' }])), 422, 'INVALID_RECORDS', /record 1: seconds: expected a non-negative integer/],
    ["a record of another SDKAppID", sendUsage(page.request, app, JSON.stringify([mediaRecord(other.sdkAppId, at, 90)])), 422, 'INVALID_RECORDS', /record 0: app: must be/],
    ['too large', sendUsage(page.request, app, JSON.stringify(Array.from({ length: 12_000 }, () => mediaRecord(app.sdkAppId, at, 1)))), 413, 'PAYLOAD_TOO_LARGE', /larger than 5,242,880 bytes|limit is 10000/],
  ];
  for (const [label, promise, status, code, message] of cases) {
    const r = await promise;
    expect([label, r.status, r.json.error?.code]).toEqual([label, status, code]);
    expect(r.json.error?.message).toMatch(message);
  }
  expect(await storedUsage(accountId)).toEqual({ records: 0, batches: 0, daily: 0 });

  // The malformed record's answer names the index and the field.
  const r = await sendUsage(page.request, app, JSON.stringify([mediaRecord(app.sdkAppId, at, 90), { ...mediaRecord(app.sdkAppId, at, 90), receive: [{ stream: 's', audio: true, video: [1280] }] }]));
  expect(r.json.error?.details).toEqual([{ index: 1, field: 'receive[0].video', message: 'expected [width, height] positive integers' }]);

  // A good batch, then the same batch retried (re-signed later): accepted once.
  const first = await sendUsage(page.request, app, body, { key: 'retry-me' });
  const replay = await sendUsage(page.request, app, body, { key: 'retry-me', now: new Date(Date.now() + 1000) });
  expect([first.status, replay.status]).toEqual([201, 200]);
  expect(replay.json).toMatchObject({ batchId: first.json.batchId, accepted: 2, replayed: true });
  const reused = await sendUsage(page.request, app, JSON.stringify([mediaRecord(app.sdkAppId, at, 91)]), { key: 'retry-me' });
  expect([reused.status, reused.json.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  expect(await storedUsage(accountId)).toEqual({ records: 2, batches: 1, daily: 2 });
});
