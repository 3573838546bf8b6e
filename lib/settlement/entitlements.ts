import { and, eq, inArray, lte, gte, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { entitlementDeductions, freeMinuteGrants, packages } from '@/db/schema';
import type { Entitlement } from '@/lib/rating';
import { dec, ZERO, type Decimal } from '@/lib/money/decimal';
import type { LocalDate } from '@/lib/time/local-date';

export type DayEntitlement = {
  entitlement: Entitlement;
  source: 'free_minute_grants' | 'packages';
  rowId: string;
  kind: 'free' | 'package' | 'trial';
  sdkAppId: number | null;
  /** What was available to the day when it was first settled (remaining now + what the day already took). */
  available: Decimal;
  /** What the day's earlier bills already took (0 for a first settlement). */
  alreadyTaken: Decimal;
};

/**
 * Entitlements that cover local day D (rating.md section 4): the account's free minutes
 * valid on D (account-wide) and the packages and trials valid on D, bound to their
 * application's SDKAppID, with their remaining minutes. Expired packages still cover the
 * days they were valid on (an adjustment for an old day). Rows are locked: only the
 * settlement changes `minutesUsed`, under the account lock, but a refund check reads it.
 */
export async function loadDayEntitlements(tx: Transaction, accountId: string, day: LocalDate): Promise<DayEntitlement[]> {
  return loadPeriodEntitlements(tx, accountId, day, day, day);
}

/**
 * The same for a period `from`..`to` (a month, for a book rounding per month: rtv-cny):
 * every entitlement valid on some day of it (the rater applies each one's own validity),
 * with what the period's earlier bills already took, recorded on `takenDay`.
 */
export async function loadPeriodEntitlements(
  tx: Transaction,
  accountId: string,
  from: LocalDate,
  to: LocalDate,
  takenDay: LocalDate,
  options: { lock?: boolean } = {},
): Promise<DayEntitlement[]> {
  const day = takenDay;
  // `lock: false` for a read-only estimate (the month so far): it must never wait for a settlement.
  const lock = options.lock ?? true;
  const grantQuery = tx
    .select()
    .from(freeMinuteGrants)
    .where(and(eq(freeMinuteGrants.accountId, accountId), lte(freeMinuteGrants.validFrom, to), gte(freeMinuteGrants.validTo, from)));
  const grants = lock ? await grantQuery.for('update') : await grantQuery;
  const pkgQuery = tx
    .select()
    .from(packages)
    .where(
      and(
        eq(packages.accountId, accountId),
        inArray(packages.status, ['active', 'expired']),
        lte(packages.validFrom, to),
        gte(packages.validTo, from),
        sql`${packages.minutes} > 0`,
      ),
    );
  const pkgs = lock ? await pkgQuery.for('update') : await pkgQuery;
  const taken = await tx
    .select({ id: entitlementDeductions.entitlementId, minutes: sql<string>`sum(${entitlementDeductions.entitlementMinutes})` })
    .from(entitlementDeductions)
    .where(and(eq(entitlementDeductions.accountId, accountId), eq(entitlementDeductions.localDay, day)))
    .groupBy(entitlementDeductions.entitlementId);
  const takenBy = new Map(taken.map((t) => [t.id, dec(t.minutes ?? 0)]));

  const out: DayEntitlement[] = [];
  for (const g of grants) {
    const already = takenBy.get(g.id) ?? ZERO;
    const available = Decimal_max(g.minutes.minus(g.minutesUsed).plus(already));
    out.push({
      entitlement: { id: g.id, kind: 'free', minutes: available.toFixed(), validFrom: g.validFrom, validTo: g.validTo, purchasedAt: g.grantedAt.toISOString() },
      source: 'free_minute_grants',
      rowId: g.id,
      kind: 'free',
      sdkAppId: null,
      available,
      alreadyTaken: already,
    });
  }
  for (const p of pkgs) {
    if (!p.validFrom || !p.validTo) continue;
    const already = takenBy.get(p.id) ?? ZERO;
    const available = Decimal_max(p.minutes.minus(p.minutesUsed).plus(already));
    out.push({
      entitlement: {
        id: p.id,
        kind: p.kind,
        minutes: available.toFixed(),
        validFrom: p.validFrom,
        validTo: p.validTo,
        app: p.sdkAppId,
        purchasedAt: p.purchasedAt.toISOString(),
      },
      source: 'packages',
      rowId: p.id,
      kind: p.kind,
      sdkAppId: p.sdkAppId,
      available,
      alreadyTaken: already,
    });
  }
  return out;
}

function Decimal_max(d: Decimal): Decimal {
  return d.isNegative() ? ZERO : d;
}
