import { dec, type Decimal } from '@/lib/money/decimal';
import type { CompiledBook } from './compiled-book';
import type { DurationUsage } from './duration-usage';
import { deductMinutes, type DeductionShare, type EntitlementState } from './entitlements';

/** What entitlements covered of one (app, period, item), summed per entitlement in drawing order. */
export type CoveredUsage = Map<EntitlementState, { minutes: Decimal; entitlementMinutes: Decimal; ratio: Decimal }>;

/** key: `${app}|${period}|${item}` */
export const usageKey = (app: number, period: number, item: number) => `${app}|${period}|${item}`;

type Chunk = { window: number; app: number; period: number; item: number; seconds: number };

/**
 * rating.md section 4, timing: usage is deducted in the order it happened, in 5-minute
 * windows; in each window an (app, period, item) deducts
 * ceil(cumulative seconds after / 60) - ceil(cumulative seconds before / 60) minutes
 * (seed 003 FAQ: 30 s, 20 s, 40 s deduct 1, 0, 1). Within a window items go audio, sd,
 * hd, fhd, 2k, 4k, then the others alphabetically; then by SDKAppID for determinism.
 */
export function deductWindows(cb: CompiledBook, usage: DurationUsage, states: readonly EntitlementState[]): Map<string, CoveredUsage> {
  const covered = new Map<string, CoveredUsage>();
  if (states.length === 0 || states.every((s) => s.remaining.isZero())) return covered;
  const n = cb.items.length;
  // Chunks grouped by window, so only each window's few chunks are sorted (a day of many
  // applications has hundreds of thousands of chunks), and the walk stops once every
  // entitlement is used up (nothing after that point can deduct anything).
  const byWindow = new Map<number, Chunk[]>();
  for (const b of usage.entries()) {
    if (!b.windows) throw new Error('deduction needs 5-minute windows');
    for (const [key, seconds] of b.windows) {
      const window = Math.floor(key / n);
      let list = byWindow.get(window);
      if (!list) byWindow.set(window, (list = []));
      list.push({ window, app: b.app, period: b.period, item: key - window * n, seconds });
    }
  }
  const byRank = (a: Chunk, b: Chunk) => (cb.deductionRank[a.item] as number) - (cb.deductionRank[b.item] as number) || a.app - b.app;

  // Seconds per (app, period, item) before each window: every earlier window counts, deducted or not.
  const cumulative = new Map<string, number>();
  for (const window of [...byWindow.keys()].sort((a, b) => a - b)) {
    const chunks = (byWindow.get(window) as Chunk[]).sort(byRank);
    for (const c of chunks) {
      const key = usageKey(c.app, c.period, c.item);
      const before = cumulative.get(key) ?? 0;
      const after = before + c.seconds;
      cumulative.set(key, after);
      const minutes = Math.ceil(after / 60) - Math.ceil(before / 60);
      if (minutes === 0) continue;
      const date = usage.windowDate(c.window);
      const shares = deductMinutes(states, { item: (cb.items[c.item] as { code: string }).code, date, app: c.app }, dec(minutes));
      if (!shares.length) continue;
      addShares(covered, key, shares);
      if (shares.some((s) => s.state.remaining.isZero()) && states.every((s) => s.remaining.isZero())) return covered;
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

