import { dec, type Decimal } from '@/lib/money/decimal';
import type { Entitlement, RatingAccount } from './schemas';
import { dateToDay, parseInstantSeconds, SECONDS_PER_DAY, zoneOffsetSeconds } from './time-zone';
import type { PriceBook, RatioTable } from './types';

/** An entitlement being drawn down: its coverage table resolved for this book and account. */
export type EntitlementState = {
  entitlement: Entitlement;
  /** Entitlement minutes per usage minute, by item code; items absent are not covered. */
  ratios: ReadonlyMap<string, Decimal>;
  coverageSource: string;
  initial: Decimal;
  remaining: Decimal;
};

/**
 * The ratio table of an entitlement kind in a book (rating.md section 4): `package` and
 * `trial` have one table; `free` depends on the account's registration date (seed 003
 * has one table for accounts registered before 2023-02-21 and one for the others).
 * Decision: without an account, the current (on or after) table applies.
 */
export function coverageFor(book: PriceBook, kind: Entitlement['kind'], account?: RatingAccount): { ratios: RatioTable; source: string } {
  const c = book.coverage;
  if (kind === 'package') return { ratios: c.package ?? {}, source: c.source };
  if (kind === 'trial') return { ratios: c.trial ?? {}, source: c.source };
  const registered = account ? parseInstantSeconds(account.registeredAt) : null;
  for (const table of c.free ?? []) {
    if (table.registeredBefore === undefined) return table;
    const before = parseInstantSeconds(table.registeredBefore);
    if (registered !== null && before !== null && registered < before) return table;
  }
  return { ratios: {}, source: c.source };
}

/**
 * rating.md section 4, order: free minutes first; then narrower scope (app-bound before
 * account-wide); then the one that expires sooner; then earlier purchase (decision: an
 * entitlement without `purchasedAt` counts as acquired at its validFrom); then input order.
 */
export function orderEntitlements(list: readonly Entitlement[], offsetSeconds = 0): Entitlement[] {
  const acquired = (e: Entitlement) =>
    (e.purchasedAt ? parseInstantSeconds(e.purchasedAt) : null) ?? (dateToDay(e.validFrom) ?? 0) * SECONDS_PER_DAY - offsetSeconds;
  return list
    .map((e, i) => ({ e, i }))
    .sort((a, b) =>
      (a.e.kind === 'free' ? 0 : 1) - (b.e.kind === 'free' ? 0 : 1) ||
      (a.e.app !== undefined ? 0 : 1) - (b.e.app !== undefined ? 0 : 1) ||
      (a.e.validTo < b.e.validTo ? -1 : a.e.validTo > b.e.validTo ? 1 : 0) ||
      acquired(a.e) - acquired(b.e) ||
      a.i - b.i,
    )
    .map((x) => x.e);
}

export function prepareEntitlements(book: PriceBook, list: readonly Entitlement[], account?: RatingAccount): EntitlementState[] {
  // Deductions and bills name entitlements by id, so two with one id could not be told apart.
  const firstIndex = new Map<string, number>();
  list.forEach((e, i) => {
    const first = firstIndex.get(e.id);
    if (first !== undefined) throw new Error(`entitlements[${i}].id: "${e.id}" appears twice (also entitlements[${first}])`);
    firstIndex.set(e.id, i);
  });
  return orderEntitlements(list, zoneOffsetSeconds(book.timeZone)).map((entitlement) => {
    const { ratios, source } = coverageFor(book, entitlement.kind, account);
    const initial = dec(entitlement.minutes);
    return {
      entitlement,
      ratios: new Map(Object.entries(ratios).map(([item, r]) => [item, dec(r)])),
      coverageSource: source,
      initial,
      remaining: initial,
    };
  });
}

/**
 * Decision: when an entitlement runs out inside a usage minute, the usage it covers
 * (remaining / ratio, e.g. 10 / 6.1) is kept to 12 decimals (half-up). Every later figure
 * then stays a finite decimal, so sums are exact and a bill line is never off by a
 * rounding of 40 significant digits; 1e-12 minute is far below any price's resolution.
 */
export const COVERED_MINUTE_DECIMALS = 12;

/** One entitlement's share of a deduction. */
export type DeductionShare = { state: EntitlementState; minutes: Decimal; entitlementMinutes: Decimal; ratio: Decimal };

/**
 * Cover `minutes` of usage of `item` on local date `date` for `app`, drawing entitlements
 * in order (states must come from prepareEntitlements). Exact decimal: a usage minute may
 * be split between entitlements (rating.md section 4). Returns the shares; what they do
 * not cover is left to pay at list price.
 */
export function deductMinutes(
  states: readonly EntitlementState[],
  usage: { item: string; date: string | null; app: number | null },
  minutes: Decimal,
): DeductionShare[] {
  const shares: DeductionShare[] = [];
  let left = minutes;
  for (const state of states) {
    if (left.isZero()) break;
    const e = state.entitlement;
    const ratio = state.ratios.get(usage.item);
    if (ratio === undefined || state.remaining.isZero()) continue;
    // rating.md section 4: from validFrom 00:00 local (so also that day's earlier usage, never an earlier day) through validTo.
    if (usage.date !== null && (usage.date < e.validFrom || usage.date > e.validTo)) continue;
    // An app-bound entitlement covers only its SDKAppID; the calculator rates no particular app (null).
    if (e.app !== undefined && usage.app !== null && e.app !== usage.app) continue;
    const need = left.times(ratio);
    let take: Decimal, covered: Decimal;
    if (ratio.isZero() || need.lessThanOrEqualTo(state.remaining)) {
      take = need;
      covered = left;
    } else {
      take = state.remaining;
      covered = state.remaining.div(ratio).toDecimalPlaces(COVERED_MINUTE_DECIMALS);
    }
    state.remaining = state.remaining.minus(take);
    left = left.minus(covered);
    shares.push({ state, minutes: covered, entitlementMinutes: take, ratio });
  }
  return shares;
}
