import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { billLines, bills } from '@/db/schema';
import { translatorFor } from '@/lib/i18n/translator';
import { Decimal } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { readExplanation } from './present';

/**
 * Migration 0019 reads an adjustment line's facts (`reverses`, `earlier`) back from the English
 * steps stored before they were kept; its UPDATE statements run again here on such rows
 * (the sentences as they were written then: quantities without their unit).
 */
const BACKFILL = fs
  .readFileSync(path.join(import.meta.dirname, '../../drizzle/0019_bill_line_adjustment_facts.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
  .filter((s) => s.startsWith('UPDATE'));

const en = translatorFor('en', 'bills');
const CASES = [
  { steps: [en('explain.reverses', { period: 'month' })], want: { reverses: 'month', earlier: null } },
  {
    steps: ['first', "Re-rated with 1,234 late records (of the 12,345 above): 106 to pay for 0.95294 USD in all; the day's earlier bills charged 100 for 0.899 USD; this adjustment is the difference."],
    want: { reverses: null, earlier: { quantity: '100', amount: '0.899', period: 'day', lateRecords: 1234 } },
  },
  {
    steps: ['first', "Re-rated with late usage: 0 to pay for 0 CNY in all; the month's earlier bills charged -2 for -0.0566 CNY; this adjustment is the difference."],
    want: { reverses: null, earlier: { quantity: '-2', amount: '-0.0566', period: 'month', lateRecords: null } },
  },
  { steps: ['first', 'a sentence of another time'], want: { reverses: null, earlier: null } },
];

describe('migration 0019: adjustment facts of bill lines stored before', () => {
  const { db } = testDb();

  test('reverses and earlier come back from the English steps; other steps stay as written', async () => {
    expect(BACKFILL).toHaveLength(2);
    const { accountId } = await createTestAccount(db);
    const [bill] = await db
      .insert(bills)
      .values({ accountId, number: 'B-ADJ-OLD', kind: 'adjustment', periodStart: '2024-10-08', periodEnd: '2024-10-08', currency: 'USD', priceBookId: 'trtc-2024-usd', amount: new Decimal(0), total: new Decimal(0), issuedAt: new Date() })
      .returning();
    await db.insert(billLines).values(
      CASES.map((c) => ({ billId: bill!.id, accountId, sdkAppId: 1400000001, item: 'audio', description: 'Audio', quantity: new Decimal(0), unit: 'minute', unitPrice: new Decimal(0), per: 1000, amount: new Decimal(0), explanation: { usage: '0', steps: c.steps } })),
    );
    for (const statement of BACKFILL) await db.execute(sql.raw(statement));
    const rows = await db.select({ e: billLines.explanation }).from(billLines).where(and(eq(billLines.accountId, accountId), eq(billLines.billId, bill!.id))).orderBy(asc(billLines.id));
    expect(rows.map((r) => { const v = readExplanation(r.e); return { reverses: v.reverses, earlier: v.earlier }; })).toEqual(CASES.map((c) => c.want));
  });
});
