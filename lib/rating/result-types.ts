import type { Currency, EntitlementKind, ItemUnit } from './types';
import type { RoundingFacts } from './rounding-facts';

/** Decimal numbers are strings throughout (rating.md section 5). */

/** rating.md section 5 `usage`: billable quantity per item before deduction. */
export type UsageEntry = { item: string; quantity: string; unit: ItemUnit };

/** rating.md section 5 `deductions`: per entitlement and item. */
export type DeductionEntry = { entitlement: string; item: string; minutes: string; entitlementMinutes: string };

/** rating.md section 5 `lines`: what is left to pay, one per item. */
export type BillLine = { item: string; quantity: string; unitPrice: string; per: number; amount: string };

/** One entitlement's part in a detail line. */
export type DetailDeduction = { entitlement: string; kind: EntitlementKind; minutes: string; entitlementMinutes: string; ratio: string };

/**
 * One (item, SDKAppID, period) line: the unit the settlement job stores and the bill
 * page explains. `app` is null for monthly items (per account); `period` is the local
 * day 'YYYY-MM-DD' (or month 'YYYY-MM' for monthly items and books rounding per month).
 */
export type LineDetail = {
  item: string;
  app: number | null;
  period: string;
  periodKind: 'day' | 'month';
  /** Records (pieces of records split at midnight) that produced this line, and the first few of their indexes. */
  records: number;
  sampleRecords: number[];
  /** What was measured before rounding: seconds, peak kbps, images or calls. */
  measured: { value: string; unit: 'seconds' | 'kbps' | 'images' | 'calls' };
  /** The rounding rule applied, in words: "12,345 s on 2024-10-08 (Asia/Shanghai) → ceil → 206 min". */
  rounding: string;
  /** The same rule as facts (./rounding-facts.ts): pages word it in their language. */
  roundingFacts: RoundingFacts;
  /** Quantity before deduction. */
  usage: string;
  deductions: DetailDeduction[];
  /** Quantity left to pay and its price. */
  quantity: string;
  unitPrice: string;
  per: number;
  amount: string;
  source: string;
};

export type DeductionDetail = DetailDeduction & { item: string; app: number; period: string };

/** How much of each entitlement the rated usage consumed. */
export type EntitlementConsumption = {
  entitlement: string;
  kind: EntitlementKind;
  minutes: string;
  consumed: string;
  remaining: string;
  coverage: string;
};

/** "Why this amount" for one bill line, JSON-serializable. */
export type LineExplanation = {
  item: string;
  name: string;
  unit: ItemUnit;
  unitPrice: string;
  per: number;
  source: string;
  usage: string;
  quantity: string;
  amount: string;
  records: number;
  /** One sentence per detail line, rounding, deductions and price. */
  steps: string[];
};

export type RatingResult = {
  book: string;
  currency: Currency;
  timeZone: string;
  records: number;
  usage: UsageEntry[];
  deductions: DeductionEntry[];
  lines: BillLine[];
  /** Exact sum of the lines. */
  amount: string;
  /** `amount` half-up to 2 decimals. */
  total: string;
  details: LineDetail[];
  deductionDetails: DeductionDetail[];
  entitlements: EntitlementConsumption[];
  /** Per bill line, "why this amount" (empty when the rater was created with `explain: false`). */
  explanations: LineExplanation[];
};
