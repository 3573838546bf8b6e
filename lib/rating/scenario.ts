import { z } from 'zod';
import { findPriceBook, unknownPriceBook } from './books';
import { formatFieldPath, formatRecordError, joinErrors, parseUsageRecords } from './parse-records';
import { RatingRecordError, rateRecords } from './rater';
import type { BillLine, DeductionEntry, RatingResult, UsageEntry } from './result-types';
import { accountSchema, entitlementSchema, says } from './schemas';

/** A scenario file of the `rate` command (rating.md section 5); `expect` is ignored. */
export const scenarioSchema = z.strictObject({
  priceBook: z.string(says('expected a price book id')),
  account: accountSchema.optional(),
  entitlements: z.array(entitlementSchema, says('expected a list of entitlements')).optional(),
  usage: z.array(z.unknown(), says('expected a list of usage records')),
  expect: z.unknown().optional(),
  name: z.string().optional(),
  source: z.string().optional(),
  note: z.string().optional(),
  description: z.string().optional(),
});

/** The output line of rating.md section 5 (without `file`). */
export type RateOutput = {
  currency: string;
  usage: UsageEntry[];
  deductions: DeductionEntry[];
  lines: BillLine[];
  amount: string;
  total: string;
};

export function toRateOutput(r: RatingResult): RateOutput {
  return { currency: r.currency, usage: r.usage, deductions: r.deductions, lines: r.lines, amount: r.amount, total: r.total };
}

/** Validate and rate one scenario; every problem is named (field path, record index). */
export function rateScenario(input: unknown, options: { explain?: boolean } = {}): { ok: true; result: RatingResult } | { ok: false; error: string } {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: joinErrors(parsed.error.issues.map((i) => {
      const path = formatFieldPath(i.path);
      const what = i.code === 'unrecognized_keys' ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}` : i.message;
      if (path) return `${path}: ${what}`;
      return i.code === 'invalid_type' ? 'expected a scenario object { priceBook, usage, ... }' : what;
    })) };
  }
  const scenario = parsed.data;
  const book = findPriceBook(scenario.priceBook);
  if (!book) return { ok: false, error: `priceBook: ${unknownPriceBook(scenario.priceBook)}` };
  const records = parseUsageRecords(scenario.usage);
  if (!records.ok) return { ok: false, error: joinErrors(records.errors.map((e) => `usage ${formatRecordError(e)}`)) };
  try {
    const result = rateRecords(records.records, { book, account: scenario.account, entitlements: scenario.entitlements ?? [], explain: options.explain });
    return { ok: true, result };
  } catch (e) {
    if (e instanceof RatingRecordError) return { ok: false, error: `usage ${e.message}` };
    if (e instanceof Error) return { ok: false, error: e.message };
    throw e;
  }
}
