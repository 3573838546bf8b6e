import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { applicationNames, getBill, listBillLines, listBills } from '@/db/queries/bills';
import { listDailyUsage } from '@/db/queries/usage';
import { getPriceBook } from '@/lib/rating';
import { dec, sum } from '@/lib/money/decimal';
import { safeUsageWatermark, settleDay } from '@/lib/settlement';
import { validateBatch } from '@/lib/usage/batch';
import { CsvParser, type CsvRow } from '@/lib/usage/csv';
import { storeUsageBatch } from '@/lib/usage/store';
import { testDb } from '@/tests/db';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { billCsv, BILL_CSV_HEADER } from './csv';
import { readExplanation } from './present';

const { db, sql } = testDb();
const book = getPriceBook('trtc-2024-usd');
const DAY = '2024-10-08';

const media = (app: number, start: string, seconds: number, video?: [number, number]) => ({
  type: 'media', app, user: `u-${randomUUID().slice(0, 6)}`, start, seconds, receive: video ? [{ stream: 's', audio: true, video }] : [],
});

async function send(accountId: string, sdkAppId: number, records: unknown[]) {
  const v = validateBatch(records.map((value) => ({ value })), { book, sdkAppId });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await storeUsageBatch(sql, { accountId, sdkAppId, source: 'api', idempotencyKey: randomUUID(), bodySha256: 'x', receivedAt: new Date(), timeZone: book.timeZone, records: v.records });
}

function parseCsv(text: string): Record<string, string>[] {
  const rows: CsvRow[] = [];
  const p = new CsvParser();
  p.push(text, (r) => rows.push(r));
  p.end((r) => rows.push(r));
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries((head?.cells ?? []).map((h, i) => [h, r.cells[i] ?? ''])));
}

async function billedAccount() {
  const { accountId } = await createTestAccount(db, { balance: '100' });
  const a = await createTestApplication(db, accountId, { name: 'Classroom, "A"' });
  const b = await createTestApplication(db, accountId, { name: 'Town Hall' });
  await send(accountId, a.sdkAppId, [
    media(a.sdkAppId, '2024-10-08T09:00:00+08:00', 3_601, [1280, 720]),
    media(a.sdkAppId, '2024-10-08T09:00:00+08:00', 1_234),
    media(a.sdkAppId, '2024-10-08T23:50:00+08:00', 1_200, [1920, 1080]), // 600 s on the 8th, 600 s on the 9th
  ]);
  await send(accountId, b.sdkAppId, [media(b.sdkAppId, '2024-10-08T12:00:00+08:00', 7_777, [3840, 2160]), media(b.sdkAppId, '2024-10-08T12:00:00+08:00', 59)]);
  const throughId = await safeUsageWatermark(db);
  const r = await db.transaction((tx) => settleDay(tx, { accountId, day: DAY, now: new Date('2024-10-09T00:00:00+08:00'), throughId, mode: 'daily' }));
  if (r.outcome !== 'billed') throw new Error(`expected a bill, got ${JSON.stringify(r)}`);
  return { accountId, a, b, billId: r.billId };
}

describe('bill CSV', () => {
  test("the CSV's lines add up to the bill amount, and its TOTAL row is the bill's total", async () => {
    const { accountId, billId } = await billedAccount();
    const bill = await getBill(db, accountId, billId);
    expect(bill).not.toBeNull();
    const lines = await listBillLines(db, accountId, billId);
    const csv = billCsv(bill!, lines, await applicationNames(db, accountId));
    expect(csv.split('\r\n')[0]).toBe(BILL_CSV_HEADER.join(','));
    const rows = parseCsv(csv);
    const lineRows = rows.filter((r) => r.item !== 'AMOUNT' && r.item !== 'TOTAL');
    expect(lineRows).toHaveLength(lines.length);
    expect(sum(lineRows.map((r) => r.amount as string)).toFixed()).toBe(bill!.amount.toFixed());
    expect(rows.find((r) => r.item === 'AMOUNT')?.amount).toBe(bill!.amount.toFixed());
    expect(rows.find((r) => r.item === 'TOTAL')?.amount).toBe(bill!.total.toFixed(2));
    expect(bill!.total.toFixed(2)).toBe(dec(bill!.amount).toDecimalPlaces(2).toFixed(2));
    // Application names with commas and quotes survive the quoting.
    expect(lineRows.some((r) => r.application === 'Classroom, "A"')).toBe(true);
    // Each line carries its explanation.
    expect(lineRows.every((r) => (r.explanation ?? '').includes('→ ceil →'))).toBe(true);
  });

  test('billed minutes equal the usage statistics rounded up per application per day', async () => {
    const { accountId, billId } = await billedAccount();
    const lines = await listBillLines(db, accountId, billId);
    const stats = await listDailyUsage(db, accountId, { from: DAY, to: DAY });
    const fromStats = Object.fromEntries(stats.map((s) => [`${s.sdkAppId}|${s.item}`, String(Math.ceil(s.seconds / 60))]));
    const fromBill = Object.fromEntries(lines.map((l) => [`${l.sdkAppId}|${l.item}`, readExplanation(l.explanation).usage]));
    expect(fromBill).toEqual(fromStats);
    // FHD crossed midnight: only the 600 s of the 8th are on the 8th's bill.
    const fhd = lines.find((l) => l.item === 'fhd');
    expect(readExplanation(fhd?.explanation).detail?.measured?.value).toBe('600');
  });

  test("another account's bill is not found, like a missing one", async () => {
    const { accountId, billId } = await billedAccount();
    const other = await createTestAccount(db);
    expect(await getBill(db, other.accountId, billId)).toBeNull();
    expect(await listBillLines(db, other.accountId, billId)).toEqual([]);
    expect(await getBill(db, accountId, randomUUID())).toBeNull();
    expect(await getBill(db, accountId, 'not-a-uuid')).toBeNull();
    expect((await listBills(db, other.accountId, { sort: 'period', dir: 'desc', limit: 10, offset: 0 })).total).toBe(0);
    const mine = await listBills(db, accountId, { sort: 'period', dir: 'desc', limit: 10, offset: 0 });
    expect(mine.rows.map((r) => [r.id, r.lineCount > 0])).toEqual([[billId, true]]);
  });
});
