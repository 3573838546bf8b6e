import { dec, type Decimal } from '@/lib/money/decimal';
import type { CompiledBook } from './compiled-book';
import type { DurationUsage } from './duration-usage';
import { deductMinutes, type DeductionShare, type EntitlementState } from './entitlements';

/** What entitlements covered of one (app, period, item), summed per entitlement in drawing order. */
export type CoveredUsage = Map<EntitlementState, { minutes: Decimal; entitlementMinutes: Decimal; ratio: Decimal }>;

/** key: `${app}|${period}|${item}` */
export const usageKey = (app: number, period: number, item: number) => `${app}|${period}|${item}`;

/**
 * rating.md section 4, timing: usage is deducted in the order it happened, in 5-minute
 * windows; in each window an (app, period, item) deducts
 * ceil(cumulative seconds after / 60) - ceil(cumulative seconds before / 60) minutes
 * (seed 003 FAQ: 30 s, 20 s, 40 s deduct 1, 0, 1). Within a window items go audio, sd,
 * hd, fhd, 2k, 4k, then the others alphabetically; then by SDKAppID for determinism.
 * `outcome.exhausted`: whether the walk ended with every entitlement used up (or none had
 * minutes): windows after that point could not have changed anything.
 */
export function deductWindows(cb: CompiledBook, usage: DurationUsage, states: readonly EntitlementState[], outcome?: { exhausted: boolean }): Map<string, CoveredUsage> {
  const covered = new Map<string, CoveredUsage>();
  if (outcome) outcome.exhausted = true;
  if (states.length === 0 || states.every((s) => s.remaining.isZero())) return covered;
  if (outcome) outcome.exhausted = false;
  const n = cb.items.length;
  // Chunks grouped by window, so only each window's few chunks are sorted (a day of many
  // applications has hundreds of thousands of chunks), and the walk stops once every
  // entitlement is used up (nothing after that point can deduct anything). A chunk is four
  // numbers (app, period, item, seconds) in its window's list: no object per chunk.
  const byWindow = new Map<number, number[]>();
  for (const b of usage.entries()) {
    if (!b.windows) throw new Error('deduction needs 5-minute windows');
    for (const [key, seconds] of b.windows) {
      const window = Math.floor(key / n);
      let list = byWindow.get(window);
      if (!list) byWindow.set(window, (list = []));
      list.push(b.app, b.period, key - window * n, seconds);
    }
  }
  const rank = cb.deductionRank;

  // Seconds per (app, period, item) before each window: every earlier window counts, deducted or not.
  const cumulative = new Map<string, number>();
  for (const window of [...byWindow.keys()].sort((a, b) => a - b)) {
    const list = byWindow.get(window) as number[];
    const order = Array.from({ length: list.length / 4 }, (_, i) => i * 4);
    order.sort((x, y) => (rank[list[x + 2] as number] as number) - (rank[list[y + 2] as number] as number) || (list[x] as number) - (list[y] as number));
    const date = usage.windowDate(window);
    for (const at of order) {
      const app = list[at] as number;
      const period = list[at + 1] as number;
      const item = list[at + 2] as number;
      const key = usageKey(app, period, item);
      const before = cumulative.get(key) ?? 0;
      const after = before + (list[at + 3] as number);
      cumulative.set(key, after);
      const minutes = Math.ceil(after / 60) - Math.ceil(before / 60);
      if (minutes === 0) continue;
      const shares = deductMinutes(states, { item: (cb.items[item] as { code: string }).code, date, app }, dec(minutes));
      if (!shares.length) continue;
      addShares(covered, key, shares);
      if (shares.some((s) => s.state.remaining.isZero()) && states.every((s) => s.remaining.isZero())) {
        if (outcome) outcome.exhausted = true;
        return covered;
      }
    }
  }
  return covered;
}

function addShares(covered: Map<string, CoveredUsage>, key: string, shares: DeductionShare[]): void {
  let cu = covered.get(key);
  if (!cu) covered.set(key, (cu = new Map()));
  for (const s of shares) {
    const prev = cu.get(s.state);
    cu.set(s.state, prev
      ? { minutes: prev.minutes.plus(s.minutes), entitlementMinutes: prev.entitlementMinutes.plus(s.entitlementMinutes), ratio: s.ratio }
      : { minutes: s.minutes, entitlementMinutes: s.entitlementMinutes, ratio: s.ratio });
  }
}

