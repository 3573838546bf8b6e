import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { freeMinuteGrants, packages } from '@/db/schema';
import type { Decimal } from '@/lib/money/decimal';
import { notify } from './notify';
import { packageRef } from './package-ref';
import { FREE_MINUTE_LEVELS, PACKAGE_LEVELS, levelCrossed } from './rules';

export type UsageLevelChange = { source: 'packages' | 'free_minute_grants'; rowId: string; usedBefore: Decimal; usedAfter: Decimal };

/**
 * Usage levels checked when settlement deducts (lifecycle.md, Notices: "the notice says as of
 * when"): a package reaching 80 % / 95 % (`package.usage_threshold`) or 100 %
 * (`package.used_up`) of its period's minutes, the month's free minutes reaching 80 % / 100 %
 * (`free_minutes.threshold`). In the settlement's transaction; once per level and period by
 * the once-only key, so two settlements racing on one day write one notice.
 */
export async function notifyUsageLevels(tx: Transaction, accountId: string, changes: UsageLevelChange[], asOf: Date, now: Date): Promise<number> {
  let sent = 0;
  for (const c of changes) {
    if (c.source === 'packages') {
      const [pkg] = await tx.select().from(packages).where(eq(packages.id, c.rowId)).limit(1);
      if (!pkg || pkg.accountId !== accountId) continue;
      const level = levelCrossed(PACKAGE_LEVELS, pkg.minutes, c.usedBefore, c.usedAfter);
      if (level === null) continue;
      const ref = await packageRef(tx, pkg);
      const period = pkg.validFrom ?? '';
      const row =
        level >= 100
          ? await notify(tx, { kind: 'package.used_up', accountId, subject: pkg.id, occasion: period, at: now, facts: { ...ref, minutes: pkg.minutes.toFixed(), validTo: pkg.validTo ?? '', asOf: asOf.toISOString() } })
          : await notify(tx, {
              kind: 'package.usage_threshold',
              accountId,
              subject: pkg.id,
              occasion: `${period}:${level}`,
              at: now,
              facts: { ...ref, percent: level, minutesUsed: c.usedAfter.toFixed(), minutes: pkg.minutes.toFixed(), asOf: asOf.toISOString() },
            });
      if (row) sent++;
    } else {
      const [grant] = await tx.select().from(freeMinuteGrants).where(eq(freeMinuteGrants.id, c.rowId)).limit(1);
      if (!grant || grant.accountId !== accountId) continue;
      const level = levelCrossed(FREE_MINUTE_LEVELS, grant.minutes, c.usedBefore, c.usedAfter);
      if (level === null) continue;
      const row = await notify(tx, {
        kind: 'free_minutes.threshold',
        accountId,
        subject: grant.id,
        occasion: String(level),
        at: now,
        facts: { grantId: grant.id, percent: level, minutesUsed: c.usedAfter.toFixed(), minutes: grant.minutes.toFixed(), validTo: grant.validTo, asOf: asOf.toISOString() },
      });
      if (row) sent++;
    }
  }
  return sent;
}
