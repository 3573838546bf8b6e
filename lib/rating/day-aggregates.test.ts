import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getPriceBook } from './books';
import { ItemCounts, classifyDurationRecord } from './classify-durations';
import { compileBook } from './compiled-book';
import { aggregateDays, type DayAggregate, type IdentifiedRecord } from './day-aggregates';
import { DurationUsage, WINDOWS_PER_DAY } from './duration-usage';
import { parseInstantSeconds } from './time-zone';
import { classifyRecord } from './usage-stats';
import type { PriceBook } from './types';
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

// The implementation before aggregateDays summed into typed arrays (DurationUsage, the
// rater's own sums, with string keys): the rows must stay exactly the same, field by field.
function referenceAggregateDays(book: PriceBook, records: Iterable<IdentifiedRecord>, sampleSize = 5): DayAggregate[] {
  const cb = compileBook(book);
  const usage = new DurationUsage(cb, { windows: true, sampleSize, byDay: true });
  const counts = new ItemCounts();
  const dayRecords = new Map<string, number>();
  // Pieces on a day after the record's first: per (app, day, item index) and per (app, day).
  const carried = new Map<string, number>();
  const dayCarried = new Map<string, number>();
  const sampled = new Map<string, DayAggregate>();
  for (const { record, id } of records) {
    const at = parseInstantSeconds(record.start);
    if (at === null) throw new Error('start: expected an ISO 8601 date-time with an offset');
    if (classifyDurationRecord(cb, record, counts)) {
      const seconds = (record as { seconds: number }).seconds;
      usage.add(record.app, at, seconds, counts, id);
      // The local days the record has a piece on (a record ending at midnight has none on the next day).
      const first = cb.calendar.dayOf(at);
      const last = seconds > 0 ? cb.calendar.dayOf(at + seconds - 1) : first;
      for (let d = first; d <= last; d++) {
        const key = `${record.app}|${d}`;
        dayRecords.set(key, (dayRecords.get(key) ?? 0) + 1);
        if (d === first) continue;
        dayCarried.set(key, (dayCarried.get(key) ?? 0) + 1);
        for (let k = 0; k < counts.size; k++) {
          const ik = `${key}|${counts.items[k] as number}`;
          carried.set(ik, (carried.get(ik) ?? 0) + 1);
        }
      }
      continue;
    }
    for (const p of classifyRecord(book, record)) {
      if (p.kind !== 'sample') continue;
      const key = `${p.app}|${p.day}|${p.item}`;
      let row = sampled.get(key);
      if (!row) sampled.set(key, (row = { app: p.app, day: p.day, item: p.item, seconds: 0, quantity: 0, peak: 0, records: 0, dayRecords: 0, windows: [], windowSeconds: [], samples: [], carried: 0, dayCarried: 0 }));
      row.records++;
      if (row.samples.length < sampleSize) row.samples.push(id);
      if (p.unit === 'kbps') row.peak = Math.max(row.peak, p.quantity);
      else row.quantity += p.quantity;
    }
  }
  const n = cb.items.length;
  const out: DayAggregate[] = [...sampled.values()];
  for (const b of usage.entries()) {
    const day = cb.calendar.dateOf(b.period);
    const perItem = new Map<number, { windows: number[]; windowSeconds: number[] }>();
    for (const [key, seconds] of [...(b.windows ?? [])].sort((x, y) => x[0] - y[0])) {
      const window = Math.floor(key / n);
      const item = key - window * n;
      let w = perItem.get(item);
      if (!w) perItem.set(item, (w = { windows: [], windowSeconds: [] }));
      w.windows.push(window - b.period * WINDOWS_PER_DAY);
      w.windowSeconds.push(seconds);
    }
    let first = true;
    for (let i = 0; i < n; i++) {
      const records = b.records[i] as number;
      if (records === 0) continue;
      const w = perItem.get(i) ?? { windows: [], windowSeconds: [] };
      out.push({
        app: b.app,
        day,
        item: cb.items[i]?.code as string,
        seconds: b.seconds[i] as number,
        quantity: 0,
        peak: 0,
        records,
        dayRecords: first ? (dayRecords.get(`${b.app}|${b.period}`) ?? 0) : 0,
        windows: w.windows,
        windowSeconds: w.windowSeconds,
        samples: [...(b.samples[i] ?? [])].sort((x, y) => x - y),
        carried: carried.get(`${b.app}|${b.period}|${i}`) ?? 0,
        dayCarried: first ? (dayCarried.get(`${b.app}|${b.period}`) ?? 0) : 0,
      });
      first = false;
    }
    // Records that accrue no item (a media record receiving nothing under hst-cny) still count as the day's records.
    if (first && (dayRecords.get(`${b.app}|${b.period}`) ?? 0) > 0) {
      out.push({ app: b.app, day, item: '', seconds: 0, quantity: 0, peak: 0, records: 0, dayRecords: dayRecords.get(`${b.app}|${b.period}`) ?? 0, windows: [], windowSeconds: [], samples: [], carried: 0, dayCarried: dayCarried.get(`${b.app}|${b.period}`) ?? 0 });
    }
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.app - b.app || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)));
}

describe.each(['trtc-2024-usd', 'trtc-2022-cny', 'hst-cny', 'rtv-cny'])('aggregateDays rows on %s', (bookId) => {
  test('are exactly those of the DurationUsage implementation it replaced', () => {
    const book = getPriceBook(bookId);
    fc.assert(
      fc.property(fc.array(fc.oneof(record, audio), { maxLength: 40 }), (records) => {
        const rateable = records.filter((r) => (r.type === 'media' && (book.id !== 'rtv-cny' || r.receive.every((s) => !s.video))) || (r.type === 'recording' && book.recording));
        const identified = rateable.map((record, i) => ({ record, id: 100 + i * 3 }));
        expect(aggregateDays(book, identified)).toEqual(referenceAggregateDays(book, identified));
      }),
      { numRuns: 200 },
    );
  });
});
