import { count, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { applications, usageBatches, usageRecords, users } from '@/db/schema';
import { createAdminUser, createCustomerAccount } from '@/lib/accounts/service';
import { generateSecretKey } from '@/lib/applications/secret-key';
import { postLedgerEntry } from '@/lib/ledger/service';
import { Decimal } from '@/lib/money/decimal';
import { syntheticUsage } from '@/lib/usage/synthetic';
import { purchasePackage } from '@/lib/packages/service';
import { localDate, startOfLocalDay, addDays } from '@/lib/time/local-date';

/** Demo logins, printed on start and in the README (development and test only). */
export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@example.com', password: 'admin-demo-2026' },
  { role: 'customer', email: 'customer@example.com', password: 'customer-demo-2026' },
] as const;

const DEMO_APPS = ['Classroom Live', 'Support 1-to-1', 'Town Hall'];
const USAGE_DAYS = 60;

/**
 * First-start demo data: an admin, a customer with a USD account and a top-up, three
 * applications, 60 days of synthetic usage (the worker settles them into daily bills on
 * start: about 1,150 USD pay-as-you-go) and RTC-Engine packages with auto-renewal on two
 * of the applications. Does nothing when any user exists.
 */
export async function seedDemoData(db: Database, options: { now: Date }): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return false;

  const [admin, customer] = DEMO_LOGINS;
  await createAdminUser(db, { email: admin.email, name: 'Demo Admin', password: admin.password });
  const today = localDate(options.now);
  const firstDay = addDays(today, -USAGE_DAYS);
  const registeredAt = startOfLocalDay(firstDay);
  const { accountId, userId } = await createCustomerAccount(db, {
    email: customer.email,
    name: 'Acme Live',
    password: customer.password,
    currency: 'USD',
    registeredAt,
    // Demo logins are published: their address counts as confirmed (issue 13 item 7).
    emailVerifiedAt: registeredAt,
  });

  const appIds: string[] = [];
  await db.transaction(async (tx) => {
    await postLedgerEntry(tx, {
      accountId,
      kind: 'top_up',
      amount: new Decimal(2500),
      description: { key: 'topUp', params: { last4: '4242' } },
      reference: 'demo-card-4242',
      idempotencyKey: 'seed:top-up',
      at: registeredAt,
    });
    for (const [i, name] of DEMO_APPS.entries()) {
      const key = generateSecretKey();
      const [app] = await tx
        .insert(applications)
        .values({ accountId, name, secretKeyHash: key.hash, secretKeyHint: key.hint, createdAt: registeredAt })
        .returning({ id: applications.id, sdkAppId: applications.sdkAppId });
      if (!app) throw new Error('application insert returned no row');
      appIds.push(app.id);
      const [batch] = await tx
        .insert(usageBatches)
        .values({ accountId, sdkAppId: app.sdkAppId, source: 'seed', idempotencyKey: `seed:${app.sdkAppId}`, recordCount: 0, receivedAt: options.now })
        .returning({ id: usageBatches.id });
      if (!batch) throw new Error('usage batch insert returned no row');
      let n = 0;
      for (let d = 0; d < USAGE_DAYS; d++) {
        const day = addDays(firstDay, d);
        const records = syntheticUsage({
          sdkAppId: app.sdkAppId,
          from: new Date(startOfLocalDay(day).getTime() + 8 * 3_600_000),
          spanMs: 12 * 3_600_000,
          sessions: 4 + ((d * 7 + i * 3) % 9),
          seed: (i + 1) * 10_000 + d,
        });
        n += records.length;
        await tx.insert(usageRecords).values(
          records.map((r) => ({
            accountId,
            sdkAppId: app.sdkAppId,
            batchId: batch.id,
            type: r.type,
            start: new Date(r.start),
            localDay: localDate(new Date(r.start)),
            seconds: r.seconds,
            record: r,
            receivedAt: new Date(r.start),
          })),
        );
      }
      await tx.update(usageBatches).set({ recordCount: n }).where(eq(usageBatches.id, batch.id));
    }
  });
  // Bought through the real purchase path (balance, validity, edition), at the account's
  // time: Standard on the first application, Lite on the second; the third stays on the
  // Free edition and shows what happens when the month's free minutes run out.
  const demoPackages: [string | undefined, string][] = [
    [appIds[0], 'rtc-engine.standard'],
    [appIds[1], 'rtc-engine.lite'],
  ];
  for (const [applicationId, catalogCode] of demoPackages) {
    if (!applicationId) continue;
    await purchasePackage(db, { accountId, userId, applicationId, catalogCode, autoRenew: true, idempotencyKey: `seed:${catalogCode}` });
  }
  return true;
}

