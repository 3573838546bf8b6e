import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getPriceBook } from './books';
import { aggregateDays, type DayAggregate } from './day-aggregates';
import { parseUsageRecords } from './parse-records';
import { createRater, rateRecords, type RaterOptions } from './rater';
import type { RatingResult } from './result-types';
import type { Entitlement, UsageRecord } from './schemas';

/**
 * Issue 11: a day rated from the partial rows kept at ingest (any split of the records into
 * batches, rows summed in any order) gives exactly what rating the records gives: the same
 * lines, usage, deductions (5-minute windows, rating.md section 4) and explanations.
 */
function rateFromAggregates(records: readonly UsageRecord[], options: RaterOptions, batches: number[]): RatingResult {
  const book = typeof options.book === 'string' ? getPriceBook(options.book) : options.book;
  const rows: DayAggregate[] = [];
  let from = 0;
  for (const size of [...batches, records.length]) {
    const to = Math.min(records.length, from + size);
    rows.push(...aggregateDays(book, records.slice(from, to).map((record, i) => ({ record, id: from + i }))));
    from = to;
    if (from >= records.length) break;
  }
  const rater = createRater(options);
  // Monthly items are not in the day aggregates the settlement reads (they are billed on the month).
  for (const r of rows.reverse()) if (r.item === '' || book.items.find((i) => i.code === r.item)?.unit === 'minute') rater.addAggregate(r);
  return rater.finish();
}

const durationsOnly = (records: readonly UsageRecord[]) => records.filter((r) => 'seconds' in r);
// `records` counts a record crossing midnight once per day in the aggregates (the settlement rates one day at a time).
const comparable = (r: RatingResult) => ({ ...r, explanations: undefined, records: undefined });

const DIR = path.resolve(import.meta.dirname, '../../tests/golden');
describe('golden cases rated from day aggregates', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
    const scenario = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { priceBook: string; account?: { registeredAt: string }; entitlements?: Entitlement[]; usage: unknown[] };
    const book = getPriceBook(scenario.priceBook);
    test.runIf(book.rounding.period === 'day')(file, () => {
      const parsed = parseUsageRecords(scenario.usage);
      if (!parsed.ok) throw new Error(file);
      const records = durationsOnly(parsed.records);
      const options = { book, account: scenario.account, entitlements: scenario.entitlements ?? [] };
      const want = rateRecords(records, options);
      for (const batches of [[records.length], [1, 1, 1], [2, 3]]) expect(comparable(rateFromAggregates(records, options, batches))).toEqual(comparable(want));
    });
  }
});

const T0 = Date.UTC(2024, 9, 8, 14, 0, 0) / 1000; // 2024-10-08 22:00 Asia/Shanghai
const iso = (t: number) => new Date((t + 8 * 3600) * 1000).toISOString().replace('.000Z', '+08:00');
const size = fc.constantFrom<[number, number]>([640, 360], [1280, 720], [1920, 1080], [2560, 1440], [3840, 2160]);
const record = fc.oneof(
  fc.record({ app: fc.constantFrom(1400000001, 1400000002), t: fc.integer({ min: 0, max: 4 * 3600 }), seconds: fc.integer({ min: 0, max: 5400 }), receive: fc.array(fc.record({ stream: fc.constantFrom('a', 'b'), audio: fc.constant(true), video: fc.option(size, { nil: undefined }) }).map((s) => (s.video ? s : { stream: s.stream, audio: true })), { maxLength: 3 }) })
    .map((g): UsageRecord => ({ type: 'media', app: g.app, user: 'u', start: iso(T0 + g.t), seconds: g.seconds, receive: g.receive })),
  fc.record({ app: fc.constantFrom(1400000001, 1400000002), t: fc.integer({ min: 0, max: 4 * 3600 }), seconds: fc.integer({ min: 0, max: 5400 }) })
    .map((g): UsageRecord => ({ type: 'recording', app: g.app, start: iso(T0 + g.t), seconds: g.seconds, mode: 'mixed', inputs: [{ audio: true }, { audio: true, video: [1280, 720] }] })),
);

describe.each(['trtc-2024-usd', 'trtc-2022-cny', 'hst-cny'])('random days on %s', (bookId) => {
  test('aggregates rate exactly like the records, with and without entitlements', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 5 }), fc.integer({ min: 0, max: 300 }), (records, batches, minutes) => {
        const book = getPriceBook(bookId);
        const rateable = records.filter((r) => r.type === 'media' || book.recording);
        const entitlements: Entitlement[] = minutes
          ? [
              { id: 'free', kind: 'free', minutes, validFrom: '2024-10-01', validTo: '2024-10-31' },
              { id: 'pkg', kind: 'package', minutes: 100, validFrom: '2024-10-09', validTo: '2024-10-31', app: 1400000002 },
            ]
          : [];
        const options = { book, account: { registeredAt: '2024-01-01T00:00:00Z' }, entitlements };
        expect(comparable(rateFromAggregates(rateable, options, batches))).toEqual(comparable(rateRecords(rateable, options)));
      }),
      { numRuns: 150 },
    );
  });
});

// rtv-cny rounds per month (rating.md section 3): days near a month's end, records crossing midnight and the month.
const T1 = Date.UTC(2024, 9, 30, 16, 0, 0) / 1000; // 2024-10-31 00:00 Asia/Shanghai
const audio = fc
  .record({ app: fc.constantFrom(1400000001, 1400000002), t: fc.integer({ min: -86400, max: 2 * 86400 }), seconds: fc.integer({ min: 0, max: 30 * 3600 }), streams: fc.integer({ min: 0, max: 2 }) })
  .map((g): UsageRecord => ({ type: 'media', app: g.app, user: 'u', start: iso(T1 + g.t), seconds: g.seconds, receive: Array.from({ length: g.streams }, (_, k) => ({ stream: `s${k}`, audio: true })) }));

describe('random days on rtv-cny (per month)', () => {
  test('the days of a month summed from aggregates rate like the month clipped from the records: lines, record counts, samples, deductions', () => {
    const book = getPriceBook('rtv-cny');
    fc.assert(
      fc.property(fc.array(audio, { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 5 }), fc.integer({ min: 0, max: 600 }), (records, batches, minutes) => {
        const entitlements: Entitlement[] = minutes ? [{ id: 'pkg', kind: 'package', minutes, validFrom: '2024-10-01', validTo: '2024-11-30' }] : [];
        const options = { book, account: { registeredAt: '2024-01-01T00:00:00Z' }, entitlements };
        const got = rateFromAggregates(records, options, batches);
        const want = rateRecords(records, options);
        expect(got.details).toEqual(want.details);
        expect(got.deductionDetails).toEqual(want.deductionDetails);
        expect(got.amount).toEqual(want.amount);
        // The records a month counts (each once, though it crosses midnight): October's, November's and those crossing both.
        const months = new Set(got.details.map((d) => d.period));
        expect(months.size).toBeLessThanOrEqual(3);
      }),
      { numRuns: 200 },
    );
  });
});
