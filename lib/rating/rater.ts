import { buildResult } from './build-result';
import { getPriceBook } from './books';
import { ItemCounts, RecordRuleError, classifyDurationRecord } from './classify-durations';
import { compileBook } from './compiled-book';
import { dayNumberOf, type DayAggregate } from './day-aggregates';
import { deductWindows } from './deduct-windows';
import { DurationUsage } from './duration-usage';
import { prepareEntitlements } from './entitlements';
import { MonthlyItemsUsage } from './monthly-usage';
import { formatRecordError } from './parse-records';
import type { RatingResult } from './result-types';
import type { Entitlement, RatingAccount, UsageRecord } from './schemas';
import { parseInstantSeconds } from './time-zone';
import type { PriceBook } from './types';

/** A valid record the book refuses (e.g. video in rtv-cny); names the record and the field. */
export class RatingRecordError extends Error {
  constructor(readonly index: number, readonly field: string, readonly reason: string) {
    super(formatRecordError({ index, field, message: reason }));
  }
}

export type RaterOptions = {
  book: PriceBook | string;
  /** Decides the free-minute ratio table (registered before or after 2023-02-21). */
  account?: RatingAccount;
  /** Free minutes, packages and trials to deduct (rating.md section 4), already validated. */
  entitlements?: readonly Entitlement[];
  /** Record indexes kept per line as examples for explanations (default 5). */
  sampleSize?: number;
  /** Build `explanations` in `finish()` (default true). */
  explain?: boolean;
};

export type Rater = {
  /** Add one validated record; `index` is what explanations and errors name (default: call order from 0). */
  add(record: UsageRecord, index?: number): void;
  /**
   * Add a day's partial row kept at ingest (day-aggregates.ts) instead of its records: the
   * same result as adding the records it sums (clipped to the day). Duration items only; a
   * book rounding per month sums the days of each month (`carried` keeps a record crossing
   * midnight inside the month counted once).
   */
  addAggregate(a: Pick<DayAggregate, 'app' | 'day' | 'item' | 'seconds' | 'records' | 'dayRecords' | 'windows' | 'windowSeconds' | 'samples'> & Partial<Pick<DayAggregate, 'carried' | 'dayCarried'>>): void;
  /** Rate everything added so far. */
  finish(): RatingResult;
  readonly count: number;
  /**
   * After `finish()`: whether the 5-minute walk of the deduction ended with every
   * entitlement used up (or none had minutes to give), so windows later than those added
   * could not have changed the result (settlement reads a day's first windows first).
   */
  readonly deductionsExhausted: boolean;
};

/**
 * A streaming rater: records in any order, any number, memory proportional to distinct
 * (app, period, item[, 5-minute window]) keys. Windows are kept only when there are
 * entitlements to deduct.
 */
export function createRater(options: RaterOptions): Rater {
  const book = typeof options.book === 'string' ? getPriceBook(options.book) : options.book;
  const cb = compileBook(book);
  const entitlements = options.entitlements ?? [];
  const sampleSize = options.sampleSize ?? 5;
  const durations = new DurationUsage(cb, { windows: entitlements.length > 0, sampleSize });
  const monthly = new MonthlyItemsUsage(cb, sampleSize);
  const scratch = new ItemCounts();
  const monthlyBook = book.rounding.period === 'month';
  const outcome = { exhausted: false };
  let count = 0;
  let lastDay = '';
  let lastDayNumber = 0;

  return {
    get count() {
      return count;
    },
    get deductionsExhausted() {
      return outcome.exhausted;
    },
    add(record, index = count) {
      const at = parseInstantSeconds(record.start);
      if (at === null) throw new RatingRecordError(index, 'start', 'expected an ISO 8601 date-time with an offset');
      let isDuration: boolean;
      try {
        isDuration = classifyDurationRecord(cb, record, scratch);
      } catch (e) {
        if (e instanceof RecordRuleError) throw new RatingRecordError(index, e.field, e.message);
        throw e;
      }
      count++;
      if (isDuration) {
        durations.add(record.app, at, (record as { seconds: number }).seconds, scratch, index);
      } else if (record.type === 'relay') monthly.addRelay(record, at, index);
      else if (record.type === 'screenshot') monthly.addScreenshot(record, at, index);
      else if (record.type === 'signaling') monthly.addSignaling(record, at, index);
    },
    addAggregate(a) {
      // Rows come a day at a time: the day's number is parsed once per day, not per row.
      if (a.day !== lastDay) {
        lastDay = a.day;
        lastDayNumber = dayNumberOf(a.day);
      }
      const day = lastDayNumber;
      // A book rounding per month counts a record once in its month (`add` after clipping to the month).
      count += a.dayRecords - (monthlyBook && cb.calendar.monthOf(day - 1) === cb.calendar.monthOf(day) ? (a.dayCarried ?? 0) : 0);
      if (a.item === '') return;
      const item = cb.indexOf(a.item);
      if (item === -1) throw new Error(`price book ${book.id} has no item ${a.item}`);
      durations.addAggregate(a.app, day, item, a);
    },
    finish() {
      const states = prepareEntitlements(book, entitlements, options.account);
      const covered = deductWindows(cb, durations, states, outcome);
      return buildResult({ cb, durations, monthly: monthly.results(), covered, states, records: count, explain: options.explain ?? true });
    },
  };
}

/** Rate a whole list of validated records at once. */
export function rateRecords(records: readonly UsageRecord[], options: RaterOptions): RatingResult {
  const rater = createRater(options);
  records.forEach((r, i) => rater.add(r, i));
  return rater.finish();
}
