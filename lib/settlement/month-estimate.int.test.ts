import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { billLines, bills, monthSettlements } from '@/db/schema';
import { devCreateAccountSchema } from '@/lib/accounts/create-schemas';
import { createTestCustomer } from '@/lib/accounts/test-customer';
import { advanceTestClock } from '@/lib/dev-tools/advance';
import { testDb } from '@/tests/db';
import { estimateMonth } from './monthly';
import { insertUsage } from './test-support';

/** "Month so far (estimate)" for a book rounding per month (issue 12 item 2): rated like the bill, never written. */
const { db } = testDb();

const played = (app: number, start: string, seconds: number, user = 'A') => ({ type: 'media', app, user, room: 'r1', start, seconds, receive: [{ stream: user === 'A' ? 'B' : 'A', audio: true }] });

test('the month so far is rated per month like the bill, writes nothing, and equals the bill once the month is over', async () => {
  const c = await createTestCustomer(db, devCreateAccountSchema.parse({ priceBookId: 'rtv-cny', registeredAt: '2024-10-01T00:00:00+08:00', balance: '100', testClock: true }));
  const app = c.application.sdkAppId;
  const input = { accountId: c.accountId, priceBookId: 'rtv-cny', registeredAt: new Date(c.registeredAt), month: '2024-10' };
  // 30 s on two days: per-day rounding would give 2 minutes, per-month 1 (60 s).
  await insertUsage(db, c.accountId, [played(app, '2024-10-03T10:00:00+08:00', 30), played(app, '2024-10-15T10:00:00+08:00', 30)]);
  await advanceTestClock(db, c.accountId, { to: new Date('2024-10-16T12:00:00+08:00') });

  const mid = await estimateMonth(db, { ...input, today: '2024-10-16' });
  expect(mid).toMatchObject({ month: '2024-10', through: '2024-10-16', records: 2, currency: 'CNY', amount: '0.007', total: '0.01' });
  expect(mid.lines.map((l) => [l.item, l.sdkAppId, l.usage, l.quantity, l.unitPrice, l.amount])).toEqual([['audio', app, '1', '1', '7.00', '0.007']]);
  // Nothing written: no bill, no month settlement.
  expect(await db.select().from(bills).where(eq(bills.accountId, c.accountId))).toHaveLength(0);
  expect(await db.select().from(monthSettlements).where(eq(monthSettlements.accountId, c.accountId))).toHaveLength(0);

  // 40 more minutes of interactive room (000 · Billing examples): 60 s + 2 × 1,200 s = 2,460 s → 41 min.
  await insertUsage(db, c.accountId, [played(app, '2024-10-20T10:00:00+08:00', 1200, 'A'), played(app, '2024-10-20T10:00:00+08:00', 1200, 'B')]);
  const later = await estimateMonth(db, { ...input, today: '2024-10-20' });
  expect([later.lines[0]?.quantity, later.amount, later.total]).toEqual(['41', '0.287', '0.29']);

  // On the 1st the bill has exactly the estimate's lines and total.
  await advanceTestClock(db, c.accountId, { to: new Date('2024-11-01T00:00:00+08:00') });
  const [bill] = await db.select().from(bills).where(eq(bills.accountId, c.accountId));
  const lines = await db.select().from(billLines).where(eq(billLines.billId, bill!.id));
  expect(lines.map((l) => [l.item, l.quantity.toFixed(), l.amount.toFixed()])).toEqual(later.lines.map((l) => [l.item, l.quantity, l.amount]));
  expect(bill!.total.toFixed(2)).toBe(later.total);
  // November has no usage yet: an empty estimate.
  expect(await estimateMonth(db, { ...input, month: '2024-11', today: '2024-11-01' })).toMatchObject({ records: 0, lines: [], total: '0.00' });
});
