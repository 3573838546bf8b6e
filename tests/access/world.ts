import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { jobs, testClocks, users, webhookEndpoints } from '@/db/schema';
import { addBillingContact } from '@/lib/notice-settings/service';
import { createWebhookEndpoint, sendWebhookTestEvent } from '@/lib/webhooks/service';
import { requestRefund } from '@/lib/refunds/service';
import { createUsageKey } from '@/lib/applications/usage-keys';
import { buyTestPackage, createTestAccount, createTestApplication, setTestClock } from '@/tests/factories';

/** When the world's accounts live (test clocks): inside the package's five-day refund window. */
export const WORLD_NOW = new Date('2024-10-08T10:00:00+08:00');

/**
 * A victim customer with what an attacker could aim at (application, package, clock),
 * an attacker customer with their own application, and an administrator. Built fresh
 * for every case, so one case's owner control cannot disturb another case.
 */
export async function makeWorld(db: Database) {
  const victim = await createTestAccount(db, { balance: '1000', name: 'Victim' });
  await setTestClock(db, victim.accountId, WORLD_NOW);
  const victimApp = await createTestApplication(db, victim.accountId, { name: 'Victim app' });
  const victimPackage = await buyTestPackage(db, victim.accountId, victimApp.id);
  const attacker = await createTestAccount(db, { balance: '1000', name: 'Attacker' });
  await setTestClock(db, attacker.accountId, WORLD_NOW);
  const attackerApp = await createTestApplication(db, attacker.accountId, { name: 'Attacker app' });
  const [admin] = await db.insert(users).values({ email: `admin-${randomUUID()}@example.test`, name: 'Admin', passwordHash: 'unused', role: 'admin' }).returning({ id: users.id });
  const adminUserId = admin!.id;
  const victimActor = { accountId: victim.accountId, userId: victim.userId, role: 'customer' as const };
  return {
    db,
    victim: { ...victim, app: victimApp, package: victimPackage },
    attacker: { ...attacker, app: attackerApp },
    adminUserId,
    /** A pending refund request of the victim's package (admin decision cases). */
    async refundRequest() {
      return requestRefund(db, { accountId: victim.accountId, userId: victim.userId, packageId: victimPackage.id });
    },
    /** A dead job of the victim's account (admin retry case). */
    async deadJob() {
      const [job] = await db.insert(jobs).values({ accountId: victim.accountId, key: `access-test:${randomUUID()}`, kind: 'settle', runAt: WORLD_NOW, status: 'dead', attempts: 5 }).returning();
      return job!;
    },
    /** A webhook endpoint of the victim (a closed local port: sends fail fast), optionally disabled. */
    async webhookEndpoint(options: { disabled?: boolean } = {}) {
      const { endpoint } = await createWebhookEndpoint(db, victimActor, { url: 'http://127.0.0.1:9/hook' });
      if (options.disabled) await db.update(webhookEndpoints).set({ status: 'disabled', disabledReason: 'Every delivery failed for three days.', disabledAt: WORLD_NOW }).where(eq(webhookEndpoints.id, endpoint.id));
      return endpoint;
    },
    /** A delivery in the victim's webhook log (a test event that failed). */
    async webhookDelivery() {
      const endpoint = await this.webhookEndpoint();
      return sendWebhookTestEvent(db, victimActor, endpoint.id);
    },
    /** An active account usage key of the victim (issue 11). */
    async usageKey() {
      return (await createUsageKey(db, victimActor, { name: 'Victim key' })).key;
    },
    async billingContact() {
      return addBillingContact(db, victimActor, `contact-${randomUUID()}@example.test`);
    },
    async detachVictimClock() {
      await db.delete(testClocks).where(eq(testClocks.accountId, victim.accountId));
    },
  };
}

export type World = Awaited<ReturnType<typeof makeWorld>>;
