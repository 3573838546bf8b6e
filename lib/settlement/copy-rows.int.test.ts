import { asc, eq, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { billLines, bills, entitlementDeductions } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { createTestAccount } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { copyRows } from './copy-rows';

/** copyRows (one COPY) must store exactly what Drizzle's INSERT stores: bills are compared to the cent and to the character. */
test('copyRows stores bill lines and deductions exactly as a Drizzle insert does', async () => {
  const { db } = testDb();
  const { accountId } = await createTestAccount(db, { balance: '0' });
  const bill = async (number: string, periodStart: string) => {
    const [b] = await db
      .insert(bills)
      .values({ accountId, number, kind: 'daily', periodStart, periodEnd: periodStart, currency: 'USD', priceBookId: 'trtc-2024-usd', amount: new Decimal(0), total: new Decimal(0), lastUsageRecordId: 0, issuedAt: new Date('2024-10-09T00:00:00+08:00') })
      .returning({ id: bills.id });
    return b!.id;
  };
  const lines = (billId: string) => [
    { billId, accountId, sdkAppId: 1400000001, item: 'hd', description: 'Video duration, HD', quantity: new Decimal('9365'), unit: 'minute', unitPrice: new Decimal('3.99'), per: 1000, amount: new Decimal('37.36635'), explanation: { usage: '9374', steps: ['app 1: 562,424 s → ceil → 9,374 min; 9,365 min × 3.99 USD / 1,000 min = 37.36635 USD … · ¥'], detail: { sampleRecords: [1, 2], deductions: [] } } },
    { billId, accountId, sdkAppId: null, item: 'relay', description: 'tab\there, back\\slash, new\nline, cr\r, "quoted"', quantity: new Decimal('-0.000000000001'), unit: 'Mbps', unitPrice: new Decimal('1.50'), per: 1, amount: new Decimal('-1e-12'), explanation: { usage: '-0.1', steps: ['a\\b\tc\nd "e" \u0001'], nested: { n: 1.5, t: true, z: null } } },
  ];
  const deductions = (billId: string) => [
    { billId, accountId, entitlementKind: 'free', entitlementId: '837dbe63-6dad-4b7f-a0db-683e52784d95', sdkAppId: 1400000001, localDay: '2024-10-08', item: 'hd', usageMinutes: new Decimal('1.639344262295'), entitlementMinutes: new Decimal('10') },
    { billId, accountId, entitlementKind: 'package', entitlementId: '837dbe63-6dad-4b7f-a0db-683e52784d96', sdkAppId: null, localDay: '2024-10-08', item: 'audio', usageMinutes: new Decimal('-3'), entitlementMinutes: new Decimal('-3') },
  ];
  const a = await bill('B-A', '2024-10-08');
  const b = await bill('B-B', '2024-10-09');
  const c = await bill('B-C', '2024-10-10');
  await db.insert(billLines).values(lines(a));
  await db.insert(entitlementDeductions).values(deductions(a));
  await db.transaction(async (tx) => {
    await copyRows(tx, billLines, lines(b));
    await copyRows(tx, entitlementDeductions, deductions(b));
    await copyRows(tx, billLines, []);
    // The bill's id given once for every row (issueBill): the same rows.
    await copyRows(tx, billLines, lines(c).map(({ billId: _, ...l }) => l), { billId: c });
    await copyRows(tx, entitlementDeductions, deductions(c).map(({ billId: _, ...d }) => d), { billId: c });
  });
  // The stored text of every column, ids and bill aside.
  const stored = async (table: typeof billLines | typeof entitlementDeductions, billId: string) =>
    (await db.execute<{ j: string }>(sql`select (to_jsonb(t) - 'id' - 'bill_id')::text as j from ${table} t where bill_id = ${billId} order by id`)).map((r) => r.j);
  expect(await stored(billLines, b)).toEqual(await stored(billLines, a));
  expect(await stored(entitlementDeductions, b)).toEqual(await stored(entitlementDeductions, a));
  expect(await stored(billLines, c)).toEqual(await stored(billLines, a));
  expect(await stored(entitlementDeductions, c)).toEqual(await stored(entitlementDeductions, a));
  const read = await db.select().from(billLines).where(eq(billLines.billId, b)).orderBy(asc(billLines.id));
  expect(read.map((l) => [l.sdkAppId, l.description, l.quantity.toFixed(), l.explanation])).toEqual(lines(b).map((l) => [l.sdkAppId, l.description, l.quantity.toFixed(), l.explanation]));
  await expect(db.transaction((tx) => copyRows(tx, billLines, [{ ...lines(b)[0]!, item: undefined as never }]))).rejects.toThrow(/bill_lines\.item/);
});
