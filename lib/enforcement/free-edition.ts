import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { applications, freeMinuteGrants, packages } from '@/db/schema';
import { writeAudit } from '@/lib/audit/service';
import { notify } from '@/lib/notices/notify';
import type { LocalDate } from '@/lib/time/local-date';

/**
 * Free edition used up (lifecycle.md, Packages; seed 003, Free Minutes): when the free
 * minutes valid on the day are all used, every application on the Free edition without
 * a package of its own is suspended (only that application, not the account) until a
 * package is bought or the next free minutes arrive. Usage before the settlement
 * noticed is billed pay-as-you-go (decision: it happened before the stop could act).
 */
export async function stopExhaustedFreeApps(tx: Transaction, accountId: string, day: LocalDate, now: Date): Promise<number[]> {
  const grants = await tx
    .select({ minutes: freeMinuteGrants.minutes, used: freeMinuteGrants.minutesUsed })
    .from(freeMinuteGrants)
    .where(and(eq(freeMinuteGrants.accountId, accountId), sql`${freeMinuteGrants.validFrom} <= ${day} and ${freeMinuteGrants.validTo} >= ${day}`));
  if (grants.length === 0 || grants.some((g) => g.used.lessThan(g.minutes))) return [];
  const apps = await tx
    .update(applications)
    .set({ freeExhaustedAt: now })
    .where(
      and(
        eq(applications.accountId, accountId),
        eq(applications.edition, 'free'),
        sql`${applications.freeExhaustedAt} is null`,
        sql`not exists (select 1 from ${packages} p where p.application_id = ${applications.id} and p.status = 'active')`,
      ),
    )
    .returning({ sdkAppId: applications.sdkAppId, name: applications.name });
  for (const app of apps) {
    await notify(tx, {
      kind: 'application.free_exhausted',
      accountId,
      subject: String(app.sdkAppId),
      occasion: now.toISOString(),
      at: now,
      facts: { sdkAppId: app.sdkAppId, appName: app.name },
    });
    await writeAudit(tx, {
      accountId,
      actorUserId: null,
      actorRole: 'system',
      action: 'application.free_exhausted',
      targetType: 'application',
      targetId: String(app.sdkAppId),
      details: { day },
      at: now,
    });
  }
  return apps.map((a) => a.sdkAppId);
}
