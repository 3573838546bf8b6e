import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bills, freeMinuteGrants, notifications, packages } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { safeUsageWatermark } from '@/lib/settlement/raw';
import { settleDay } from '@/lib/settlement/settle-day';
import { insertUsage, mediaRecord } from '@/lib/settlement/test-support';
import { endOfLocalDay } from '@/lib/time/local-date';

async function setup() {
  const { db } = testDb();
  const { accountId } = await createTestAccount(db, { balance: '100', registeredAt: new Date('2024-10-01T00:00:00+08:00') });
  const app = await createTestApplication(db, accountId);
  const [grant] = await db
    .insert(freeMinuteGrants)
    .values({ accountId, minutes: new Decimal(100), validFrom: '2024-10-01', validTo: '2024-10-31', grantedAt: new Date('2024-10-01T00:00:00+08:00') })
    .returning();
  const [pkg] = await db
    .insert(packages)
    .values({
      accountId, applicationId: app.id, sdkAppId: app.sdkAppId, product: 'rtc-engine', edition: 'lite', catalogCode: 'rtc-engine.lite',
      minutes: new Decimal(200), price: new Decimal('49.5'), currency: 'USD', status: 'active', validFrom: '2024-10-01', validTo: '2024-10-31',
      purchasedAt: new Date('2024-10-01T00:00:00+08:00'), idempotencyKey: `pkg-${accountId}`,
    })
    .returning();
  return { db, accountId, app, grant: grant!, pkg: pkg! };
}
async function settle(accountId: string, day: string) {
  const { db } = testDb();
  const throughId = await safeUsageWatermark(db);
  return db.transaction((tx) => settleDay(tx, { accountId, day, now: endOfLocalDay(day), throughId, mode: 'daily' }));
}
const audio = (app: number, day: string, minutes: number) => mediaRecord({ app, start: `${day}T10:00:00+08:00`, seconds: minutes * 60 });
async function notes(accountId: string) {
  const { db } = testDb();
  return db.select().from(notifications).where(eq(notifications.accountId, accountId)).orderBy(asc(notifications.id));
}

describe('usage levels checked when settlement deducts (lifecycle.md, Notices)', () => {
  test('free minutes 100 %, package 80 % → 95 % → used up; each once, as of the settled day’s end, linking to /packages', async () => {
    const { db, accountId, app, grant, pkg } = await setup();
    await insertUsage(db, accountId, [audio(app.sdkAppId, '2024-10-08', 260)]); // free 100, package 160 (80 %)
    await settle(accountId, '2024-10-08');
    let n = await notes(accountId);
    expect(n.map((x) => [x.kind, x.subject, x.occasion])).toEqual([
      ['free_minutes.threshold', grant.id, '100'],
      ['package.usage_threshold', pkg.id, '2024-10-01:80'],
    ]);
    expect(n[1]!.title).toMatch(/ is 80 % used$/);
    expect(n[1]!.body).toContain('used 160 of its 200 minutes');
    expect(n[1]!.body).toContain('as of 2024-10-09 00:00 (UTC+8)');
    expect(n[1]!.link).toBe('/packages');

    await insertUsage(db, accountId, [audio(app.sdkAppId, '2024-10-09', 30)]); // 190: 95 %
    await settle(accountId, '2024-10-09');
    await insertUsage(db, accountId, [audio(app.sdkAppId, '2024-10-10', 5)]); // 195: nothing new
    await settle(accountId, '2024-10-10');
    await insertUsage(db, accountId, [audio(app.sdkAppId, '2024-10-11', 20)]); // 200: used up
    await settle(accountId, '2024-10-11');
    await insertUsage(db, accountId, [audio(app.sdkAppId, '2024-10-12', 20)]); // pay-as-you-go: nothing new
    await settle(accountId, '2024-10-12');
    n = await notes(accountId);
    expect(n.map((x) => x.kind)).toEqual(['free_minutes.threshold', 'package.usage_threshold', 'package.usage_threshold', 'package.used_up']);
    expect(n[2]!.occasion).toBe('2024-10-01:95');
    expect(n[3]!.body).toContain('as of 2024-10-12 00:00 (UTC+8)');
    expect(n[3]!.body).toContain('pay-as-you-go');
  });

  test('two concurrent settlements of the same day: one bill, one threshold notice (the once-only key holds)', async () => {
    const { db, accountId, app, pkg } = await setup();
    await insertUsage(db, accountId, [audio(app.sdkAppId, '2024-10-08', 260)]);
    const results = await Promise.all([settle(accountId, '2024-10-08'), settle(accountId, '2024-10-08'), settle(accountId, '2024-10-08')]);
    expect(results.filter((r) => r.outcome === 'billed')).toHaveLength(1);
    expect(await db.select().from(bills).where(eq(bills.accountId, accountId))).toHaveLength(1);
    const threshold = await db.select().from(notifications).where(and(eq(notifications.accountId, accountId), eq(notifications.kind, 'package.usage_threshold')));
    expect(threshold.map((t) => [t.subject, t.occasion])).toEqual([[pkg.id, '2024-10-01:80']]);
    // And the key itself refuses a second copy written another way round the settlement.
    await expect(db.insert(notifications).values({ ...threshold[0]!, id: undefined } as never)).rejects.toThrow();
  });
});
