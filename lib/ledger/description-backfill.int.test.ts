import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { ledgerEntries } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { ledgerDescriptionIn } from './description';

/**
 * Migration 0017 gives entries posted before keys were stored their key and values back, from
 * the sentences the console wrote; any other sentence stays without a key (shown as written).
 * Its UPDATE statements run again here on rows written the old way.
 */
const BACKFILL = fs
  .readFileSync(path.join(import.meta.dirname, '../../drizzle/0017_ledger_description_key.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
  .filter((s) => s.startsWith('UPDATE'));

const OLD = [
  'Top-up by card •••• 4242',
  'Pay-as-you-go usage of 2024-10-08 (bill B000012)',
  'Late usage of 2024-10-08 (adjustment bill B000013)',
  'Usage of 2024-10 (bill B000014)',
  'Monthly items of 2024-10 (bill B000015)',
  'Adjustment by an administrator: Goodwill (bill B000012)\nsecond line',
  'RTC-Engine Lite for Class A (SDKAppID 1400000001), 2024-10-08 to 2024-11-07',
];

describe('migration 0017: keys for the sentences written before', () => {
  const { db } = testDb();

  test('known sentences get their key and read the same in English and in Chinese words; others stay as written', async () => {
    expect(BACKFILL).toHaveLength(6);
    const { accountId } = await createTestAccount(db);
    await db.insert(ledgerEntries).values(
      OLD.map((description, i) => ({ accountId, kind: 'adjustment' as const, amount: new Decimal(1), balanceAfter: new Decimal(i + 1), currency: 'USD', description, idempotencyKey: `old-${i}`, at: new Date('2024-10-09T00:00:00+08:00') })),
    );
    for (const statement of BACKFILL) await db.execute(sql.raw(statement));
    const rows = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, accountId), sql`${ledgerEntries.idempotencyKey} like 'old-%'`)).orderBy(asc(ledgerEntries.id));
    expect(rows.map((r) => r.descriptionKey)).toEqual(['topUp', 'daily', 'late', 'monthUsage', 'monthItems', 'adminAdjustment', null]);
    expect(rows[1]!.descriptionParams).toEqual({ period: '2024-10-08', number: 'B000012' });
    expect(rows[5]!.descriptionParams).toEqual({ reason: 'Goodwill (bill B000012)\nsecond line' });
    for (const r of rows) expect(ledgerDescriptionIn('en', r)).toBe(r.description);
    expect(rows.slice(0, 6).map((r) => ledgerDescriptionIn('zh', r))).toEqual([
      '银行卡充值 •••• 4242',
      '2024-10-08 后付费用量（账单 B000012）',
      '2024-10-08 延迟上报的用量（调账账单 B000013）',
      '2024-10 用量（账单 B000014）',
      '2024-10 月结计费项（账单 B000015）',
      '管理员调账：Goodwill (bill B000012)\nsecond line',
    ]);
    expect(ledgerDescriptionIn('zh', rows[6]!)).toBe(OLD[6]);
  });
});
