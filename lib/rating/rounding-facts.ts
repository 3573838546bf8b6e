import { formatQuantity } from '@/lib/money/format';

/**
 * The rounding rule a bill line applied (rating.md section 2), as facts: pages and exports word
 * them in their language (lib/bills/words.ts roundingIn); `roundingSentence` is the English
 * sentence stored beside them in the line's detail (`rounding`), unchanged from before.
 */
export type RoundingFacts =
  /** Durations: a day's (or month's) seconds per application, rounded up to whole minutes. */
  | { rule: 'ceilSeconds'; seconds: string; minutes: string; periodKind: 'day' | 'month'; period: string; zone: string }
  /** Relay: the month's peak bandwidth, free under a threshold (seed 003) or billed whole. */
  | { rule: 'peak'; peakKbps: string; mbps: string; freeMbps: string | null; free: boolean }
  /** Screenshots and signalling: a month's count less its free quota, in thousands. */
  | { rule: 'count'; total: string; unit: 'images' | 'calls'; free: string; excess: string; ceil: boolean; usage: string };

export function roundingSentence(f: RoundingFacts): string {
  switch (f.rule) {
    case 'ceilSeconds':
      // Joined: one flat string (a day's bill stores 5,000 of them as jsonb; JSON.stringify reads a rope by flattening it first).
      return [formatQuantity(f.seconds), f.periodKind === 'day' ? ' s on ' : ' s in ', f.period, ' (', f.zone, ') → ceil → ', formatQuantity(f.minutes), ' min'].join('');
    case 'peak':
      return f.freeMbps === null
        ? `monthly peak ${f.peakKbps} kbps = ${f.mbps} Mbps`
        : `monthly peak ${f.peakKbps} kbps = ${f.mbps} Mbps; free when <= ${f.freeMbps} Mbps, else the whole peak is billed${f.free ? ' (free)' : ''}`;
    case 'count':
      return `${f.total} ${f.unit} - ${f.free} free = ${f.excess} → ${f.ceil ? 'rounded up to ' : ''}${f.usage} thousand`;
  }
}
