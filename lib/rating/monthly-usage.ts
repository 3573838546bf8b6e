import { dec, type Decimal } from '@/lib/money/decimal';
import type { CompiledBook } from './compiled-book';
import type { RelayRecord, ScreenshotRecord, SignalingRecord } from './schemas';
import type { CountedQuota, MonthlyRules } from './types';
import type { RoundingFacts } from './rounding-facts';
import { monthLabel } from './time-zone';

/** A measured monthly quantity before pricing (rating.md section 2, "Monthly items"). */
export type MonthlyUsage = {
  item: string;
  month: string;
  /** What was measured: the peak kbps, the images or the calls of the month. */
  measured: { value: string; unit: 'kbps' | 'images' | 'calls' };
  /** Billable quantity of `usage` (Mbps, thousands). */
  usage: Decimal;
  /** What is paid for after the free quota (equals usage except for relay under the free peak). */
  billable: Decimal;
  rounding: RoundingFacts;
  records: number;
  sampleRecords: number[];
};

type Tally = { total: number; records: number; samples: number[] };
type RelayRule = NonNullable<MonthlyRules['relay']>;
type RelayTarget = RelayRecord['target'];
/** Instant (epoch s) → SDKAppID → kbps, for one target and month. */
type RelayMonth = { instants: Map<number, Map<number, number>>; tally: Tally };

/**
 * Per account per month (local month of the book's time zone): relay peak per target,
 * screenshot count, signalling calls. Relay samples at the same instant from several
 * SDKAppIDs add up (the account's bandwidth); the same app's duplicates take the max.
 */
export class MonthlyItemsUsage {
  private readonly relay = new Map<RelayTarget, Map<number, RelayMonth>>();
  private readonly screenshots = new Map<number, Tally>();
  private readonly signaling = new Map<number, Tally>();

  constructor(private readonly cb: CompiledBook, private readonly sampleSize: number) {}

  private monthOf(epochSeconds: number): number {
    return this.cb.calendar.monthOf(this.cb.calendar.dayOf(epochSeconds));
  }

  private note(t: Tally, index: number): void {
    t.records++;
    if (t.samples.length < this.sampleSize) t.samples.push(index);
  }

  addRelay(r: RelayRecord, at: number, index: number): void {
    const month = this.monthOf(at);
    let byMonth = this.relay.get(r.target);
    if (!byMonth) this.relay.set(r.target, (byMonth = new Map()));
    let m = byMonth.get(month);
    if (!m) byMonth.set(month, (m = { instants: new Map(), tally: { total: 0, records: 0, samples: [] } }));
    let apps = m.instants.get(at);
    if (!apps) m.instants.set(at, (apps = new Map()));
    apps.set(r.app, Math.max(apps.get(r.app) ?? 0, r.kbps));
    this.note(m.tally, index);
  }

  private addCount(map: Map<number, Tally>, at: number, n: number, index: number): void {
    const month = this.monthOf(at);
    let t = map.get(month);
    if (!t) map.set(month, (t = { total: 0, records: 0, samples: [] }));
    t.total += n;
    this.note(t, index);
  }

  addScreenshot(r: ScreenshotRecord, at: number, index: number): void {
    this.addCount(this.screenshots, at, r.count, index);
  }

  addSignaling(r: SignalingRecord, at: number, index: number): void {
    this.addCount(this.signaling, at, r.calls, index);
  }

  /** The month's quantities, in item then month order. */
  results(): MonthlyUsage[] {
    const out: MonthlyUsage[] = [];
    const { relay, screenshot, signaling } = this.cb.book.monthly;
    if (relay) {
      for (const target of ['tencent', 'third-party'] as const) {
        for (const [month, m] of sorted(this.relay.get(target))) out.push(relayUsage(relay, target, month, m));
      }
    }
    if (screenshot) for (const [month, t] of sorted(this.screenshots)) out.push(countedUsage(screenshot, month, t, 'images'));
    if (signaling) for (const [month, t] of sorted(this.signaling)) out.push(countedUsage(signaling, month, t, 'calls'));
    return out;
  }
}

/**
 * rating.md section 2, relay: the month's peak per target of the account's bandwidth (the
 * apps' samples at one instant add up); `tencent` is free when that peak is <= 100 Mbps,
 * otherwise the whole peak is billed.
 */
function relayUsage(relay: RelayRule, target: RelayTarget, month: number, m: RelayMonth): MonthlyUsage {
  let peak = dec(0);
  for (const apps of m.instants.values()) {
    let total = dec(0);
    for (const kbps of apps.values()) total = total.plus(dec(String(kbps)));
    if (total.greaterThan(peak)) peak = total;
  }
  const mbps = peak.div(1000);
  const free = relay.freePeakMbps[target];
  const isFree = free !== undefined && mbps.lessThanOrEqualTo(free);
  return {
    item: relay.items[target],
    month: monthLabel(month),
    measured: { value: peak.toFixed(), unit: 'kbps' },
    usage: mbps,
    billable: isFree ? dec(0) : mbps,
    rounding: { rule: 'peak', peakKbps: peak.toFixed(), mbps: mbps.toFixed(), freeMbps: free === undefined ? null : String(free), free: isFree },
    records: m.tally.records,
    sampleRecords: m.tally.samples,
  };
}

/**
 * rating.md section 2, screenshots and signalling: a month's count less its free quota, in
 * units (thousands), rounded up (screenshots, 003/004) or exact (signalling, 001) as the book says.
 */
function countedUsage(quota: CountedQuota, month: number, t: Tally, unit: 'images' | 'calls'): MonthlyUsage {
  const excess = Math.max(0, t.total - quota.free);
  const units = dec(excess).div(quota.perUnit);
  const usage = quota.rounding === 'ceil' ? units.ceil() : units;
  return {
    item: quota.item,
    month: monthLabel(month),
    measured: { value: String(t.total), unit },
    usage,
    billable: usage,
    rounding: { rule: 'count', total: String(t.total), unit, free: String(quota.free), excess: String(excess), ceil: quota.rounding === 'ceil', usage: usage.toFixed() },
    records: t.records,
    sampleRecords: t.samples,
  };
}

function sorted<V>(map: Map<number, V> | undefined): [number, V][] {
  return map ? [...map.entries()].sort((a, b) => a[0] - b[0]) : [];
}
