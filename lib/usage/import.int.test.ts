import { and, eq, ne, sql as dsql } from 'drizzle-orm';
import { listDailyUsage } from '@/lib/usage/queries';
import { describe, expect, test } from 'vitest';
import { applications, usageAggregates, usageBatches, usageRecords } from '@/db/schema';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { importUsageFile } from './import';
import { AppError } from '@/lib/errors';

const { db, sql } = testDb();
const now = new Date('2024-10-09T12:00:00+08:00');

function body(text: string, chunk = 7): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
  })();
}

async function counts(accountId: string) {
  const [r] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageRecords).where(eq(usageRecords.accountId, accountId));
  const [b] = await db.select({ n: dsql<number>`count(*)::int` }).from(usageBatches).where(eq(usageBatches.accountId, accountId));
  // Usage statistics rows: the (day, app, item) keys of the aggregates kept at ingest (issue 11).
  const [d] = await db.select({ n: dsql<number>`count(distinct (local_day, sdk_app_id, item))::int` }).from(usageAggregates).where(and(eq(usageAggregates.accountId, accountId), ne(usageAggregates.item, '')));
  return [r?.n, b?.n, d?.n];
}

const media = (app: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'media', app, user: 'u1', start: '2024-10-08T10:00:00+08:00', seconds: 90, receive: [{ stream: 's1', audio: true, video: [1280, 720] }], ...extra });

describe('usage file import', () => {
  test('a JSONL file is stored in one batch, streamed in small chunks', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const b = await createTestApplication(db, accountId);
    const r = await importUsageFile(sql, { accountId, now, body: body(`${media(a.sdkAppId)}\n\n${media(b.sdkAppId, { start: '2024-10-07T10:00:00+08:00' })}\n`) });
    expect(r).toMatchObject({ ok: true, format: 'jsonl', rows: 2, accepted: 2, apps: [a.sdkAppId, b.sdkAppId], firstDay: '2024-10-07', lastDay: '2024-10-08' });
    expect(await counts(accountId)).toEqual([2, 1, 2]);
  });

  test('a CSV file with a header row', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const csv = [
      'type,app,user,start,seconds,receive,count',
      `media,${a.sdkAppId},u1,2024-10-08T10:00:00+08:00,120,"[{""stream"":""s1"",""audio"":true,""video"":[1920,1080]}]",`,
      `media,${a.sdkAppId},u2,2024-10-08T10:00:00+08:00,60,[],`,
      `screenshot,${a.sdkAppId},,2024-10-08T11:00:00+08:00,,,1500`,
    ].join('\r\n');
    const r = await importUsageFile(sql, { accountId, now, body: body(csv, 5) });
    expect(r).toMatchObject({ ok: true, format: 'csv', rows: 3, accepted: 3 });
    const daily = await listDailyUsage(db, accountId, { from: '2024-10-01', to: '2024-10-31' });
    expect(daily.map((d) => [d.item, d.seconds, d.quantity])).toEqual([
      ['audio', 60, 0],
      ['fhd', 120, 0],
      ['screenshot', 0, 1500],
    ]);
  });

  test('a file with one bad row is refused whole: errors name the row line and field, nothing stored', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const lines = Array.from({ length: 4500 }, (_, i) => media(a.sdkAppId, { user: `u${i}` }));
    lines[3000] = media(a.sdkAppId, { seconds: -5 });
    const r = await importUsageFile(sql, { accountId, now, body: body(lines.join('\n'), 4096) });
    expect(r).toMatchObject({ ok: false, format: 'jsonl', rows: 4500, refusedRows: 1, errorCount: 1 });
    expect(!r.ok && r.errors).toEqual([{ index: 3000, line: 3001, field: 'seconds', message: expect.stringContaining('non-negative') }]);
    expect(!r.ok && r.message).toMatch(/nothing was stored/);
    expect(await counts(accountId)).toEqual([0, 0, 0]);
  });

  test("rows for another account's or a disabled application are refused", async () => {
    const { accountId } = await createTestAccount(db);
    const mine = await createTestApplication(db, accountId);
    const disabled = await createTestApplication(db, accountId);
    await db.update(applications).set({ enabled: false }).where(eq(applications.id, disabled.id));
    const other = await createTestAccount(db);
    const theirs = await createTestApplication(db, other.accountId);
    const r = await importUsageFile(sql, { accountId, now, body: body([media(mine.sdkAppId), media(theirs.sdkAppId), media(disabled.sdkAppId)].join('\n')) });
    expect(!r.ok && r.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [2, 'app', `${theirs.sdkAppId} is not an SDKAppID of this account`],
      [3, 'app', expect.stringContaining('is disabled')],
    ]);
    expect(await counts(accountId)).toEqual([0, 0, 0]);
    expect(await counts(other.accountId)).toEqual([0, 0, 0]);
  });

  test('the same file twice is refused the second time', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const text = `[${media(a.sdkAppId)}]`;
    expect((await importUsageFile(sql, { accountId, now, body: body(text) })).ok).toBe(true);
    await expect(importUsageFile(sql, { accountId, now, body: body(text) })).rejects.toMatchObject({ code: 'DUPLICATE_FILE' });
    expect(await counts(accountId)).toEqual([1, 1, 1]);
  });

  test('too large a file is refused while reading', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const text = Array.from({ length: 100 }, () => media(a.sdkAppId)).join('\n');
    const err = await importUsageFile(sql, { accountId, now, body: body(text, 1000), maxBytes: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(413);
    expect(await counts(accountId)).toEqual([0, 0, 0]);
  });

  test('a CSV with an unknown column is refused with a clear message', async () => {
    const { accountId } = await createTestAccount(db);
    const r = await importUsageFile(sql, { accountId, now, body: body('type,app,minutes\nmedia,1,3') });
    expect(r).toMatchObject({ ok: false, format: 'csv', message: expect.stringContaining('Unknown column "minutes"') });
  });

  test('CSV through csv-parse: BOM, CRLF, quoted cells with commas, quotes and line breaks', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const csv =
      '\uFEFFtype,app,user,room,start,seconds,receive\r\n' +
      `media,${a.sdkAppId},"Lee, ""Max""","room\r\none",2024-10-08T10:00:00+08:00,120,"[{""stream"":""s1"",""audio"":true,""video"":[1280,720]}]"\r\n` +
      '\r\n' +
      `media,${a.sdkAppId},u2,r,2024-10-08T10:00:00+08:00,60,[]\r\n`;
    const r = await importUsageFile(sql, { accountId, now, body: body(csv, 3) });
    expect(r).toMatchObject({ ok: true, format: 'csv', rows: 2, accepted: 2 });
    const [rec] = await db.select({ record: usageRecords.record }).from(usageRecords).where(eq(usageRecords.accountId, accountId)).orderBy(usageRecords.id).limit(1);
    const stored = (typeof rec?.record === 'string' ? JSON.parse(rec.record) : rec?.record) as Record<string, unknown>;
    expect([stored.user, stored.room]).toEqual(['Lee, "Max"', 'room\r\none']);
  });

  test('a CSV with one bad row among good ones stores nothing, and names the line (quoted line breaks counted)', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const good = (u: string) => `media,${a.sdkAppId},${u},2024-10-08T10:00:00+08:00,60,[]`;
    const csv = ['type,app,user,start,seconds,receive', `media,${a.sdkAppId},"two\nlines",2024-10-08T10:00:00+08:00,60,[]`, good('u2'), `media,${a.sdkAppId},u3,2024-10-08T10:00:00+08:00,-1,[]`, good('u4')].join('\r\n');
    const r = await importUsageFile(sql, { accountId, now, body: body(csv) });
    expect(r).toMatchObject({ ok: false, format: 'csv', rows: 4, refusedRows: 1 });
    expect(!r.ok && r.errors.map((e) => [e.line, e.field])).toEqual([[5, 'seconds']]);
    expect(await counts(accountId)).toEqual([0, 0, 0]);
  });

  test('a CSV ending inside a quoted cell is refused whole', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const r = await importUsageFile(sql, { accountId, now, body: body(`type,app,user\nmedia,${a.sdkAppId},"u1\n`) });
    expect(r).toMatchObject({ ok: false, format: 'csv', message: expect.stringContaining('quoted cell') });
    expect(await counts(accountId)).toEqual([0, 0, 0]);
  });

  test('too large a CSV is refused while reading (the parser stops, nothing hangs)', async () => {
    const { accountId } = await createTestAccount(db);
    const a = await createTestApplication(db, accountId);
    const text = ['type,app,user,start,seconds,receive', ...Array.from({ length: 400 }, (_, i) => `media,${a.sdkAppId},u${i},2024-10-08T10:00:00+08:00,60,[]`)].join('\n');
    await expect(importUsageFile(sql, { accountId, now, body: body(text, 512), maxBytes: 4000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(importUsageFile(sql, { accountId, now, body: body(text, 512), maxRecords: 10 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await counts(accountId)).toEqual([0, 0, 0]);
  });
});
