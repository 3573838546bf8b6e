import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { billLines, bills } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { rateScenario } from '@/lib/rating/scenario';
import type { LineDetail } from '@/lib/rating/result-types';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { readExplanation } from './present';
import { roundingIn } from './words';

/**
 * Migration 0018 reads the rounding facts back from the sentences bill lines stored before
 * lib/rating kept them. Every detail of every golden case, stored without its facts, must get
 * back exactly the facts lib/rating gives it now.
 */
const BACKFILL = fs
  .readFileSync(path.join(import.meta.dirname, '../../drizzle/0018_bill_line_rounding_facts.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
  .filter((s) => s.startsWith('UPDATE'));

const GOLDEN = path.resolve(import.meta.dirname, '../../tests/golden');
const details: LineDetail[] = fs
  .readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const rated = rateScenario(JSON.parse(fs.readFileSync(path.join(GOLDEN, f), 'utf8')));
    if (!rated.ok) throw new Error(`${f}: ${rated.error}`);
    return rated.result.details;
  });

describe('migration 0018: rounding facts of bill lines stored before', () => {
  const { db } = testDb();

  test('every golden detail gets back the facts lib/rating gives it; an unknown sentence stays as written', async () => {
    expect(BACKFILL).toHaveLength(3);
    expect(new Set(details.map((d) => d.roundingFacts.rule))).toEqual(new Set(['ceilSeconds', 'peak', 'count']));
    const { accountId } = await createTestAccount(db);
    const [bill] = await db
      .insert(bills)
      .values({ accountId, number: 'B-OLD', kind: 'daily', periodStart: '2024-10-08', periodEnd: '2024-10-08', currency: 'USD', priceBookId: 'trtc-2024-usd', amount: new Decimal(0), total: new Decimal(0), issuedAt: new Date() })
      .returning();
    const old = [...details.map(({ roundingFacts: _facts, ...rest }) => rest), { ...details[0]!, roundingFacts: undefined, rounding: 'a sentence of another time' }];
    await db.insert(billLines).values(
      old.map((d) => ({ billId: bill!.id, accountId, sdkAppId: d.app, item: d.item, description: d.item, quantity: new Decimal(d.quantity), unit: 'minute', unitPrice: new Decimal(d.unitPrice), per: d.per, amount: new Decimal(d.amount), explanation: { steps: [], detail: d } })),
    );
    for (const statement of BACKFILL) await db.execute(sql.raw(statement));
    const rows = await db.select({ e: billLines.explanation }).from(billLines).where(and(eq(billLines.accountId, accountId), eq(billLines.billId, bill!.id))).orderBy(asc(billLines.id));
    const back = rows.map((r) => readExplanation(r.e).detail);
    expect(back.slice(0, details.length).map((d) => d?.roundingFacts)).toEqual(details.map((d) => d.roundingFacts));
    const last = back[details.length]!;
    expect(last.roundingFacts).toBeNull();
    expect(roundingIn('zh', last)).toBe('a sentence of another time');
  });
});
