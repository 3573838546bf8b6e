import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { copyText } from '@/db/raw';
import type { DayAggregate } from '@/lib/rating';
import { giveBack, prepareAggregates } from './copy-rows';

/** The text prepareAggregates wrote before it wrote numbers as digits: each row as this template. */
const templateRow = (r: DayAggregate) =>
  `${r.day}\t${r.app}\t${copyText(r.item)}\t${r.seconds}\t${r.quantity}\t${r.peak}\t${r.records}\t${r.dayRecords}\t{${r.windows.join(',')}}\t{${r.windowSeconds.join(',')}}\t${r.carried}\t${r.dayCarried}\t`;

const row = (over: Partial<DayAggregate> = {}): DayAggregate => ({
  app: 1400000001, day: '2024-10-08', item: 'hd', seconds: 3600, quantity: 0, peak: 0, records: 3, dayRecords: 2,
  windows: [0, 12, 287], windowSeconds: [300, 60, 1], samples: [4, 9], carried: 0, dayCarried: 0, ...over,
});

function written(rows: DayAggregate[]): string[] {
  const p = prepareAggregates(rows);
  const out: string[] = [];
  let from = 0;
  for (const end of p.ends) {
    out.push(p.rows.toString('utf8', from, end));
    from = end;
  }
  giveBack(p.rows);
  return out;
}

describe('prepareAggregates writes each row as the template text, byte for byte', () => {
  test.each([
    ['a duration row', row()],
    ['no windows (a sampled item)', row({ item: 'screenshot', seconds: 0, quantity: 12, windows: [], windowSeconds: [] })],
    ['a peak', row({ item: 'relay', peak: 1234.5, windows: [], windowSeconds: [] })],
    ['zeros and negative zero', row({ seconds: 0, records: 0, dayRecords: -0, carried: 0 })],
    ['the largest safe integer and beyond', row({ seconds: Number.MAX_SAFE_INTEGER, quantity: 2 ** 53 + 2, peak: 1e21 })],
    ['fractions and negatives', row({ seconds: 0.1, quantity: -3, windowSeconds: [1.5, -2, 1e-7] })],
    ['every window of a day', row({ windows: Array.from({ length: 288 }, (_, i) => i), windowSeconds: Array.from({ length: 288 }, (_, i) => i * 300 + 9) })],
    ['an item to escape, non-ASCII', row({ item: 'a\tb\\c\nd é' })],
    ['an empty item (records without items)', row({ item: '', records: 0, windows: [], windowSeconds: [] })],
  ])('%s', (_label, r) => {
    expect(written([r])).toEqual([templateRow(r)]);
  });

  test('random rows', () => {
    const num = fc.oneof(fc.nat(), fc.maxSafeNat(), fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true }));
    const arb = fc.record({
      app: fc.nat(), day: fc.constant('2024-10-31'), item: fc.string(), seconds: num, quantity: num, peak: num, records: fc.nat(), dayRecords: fc.nat(),
      windows: fc.array(fc.nat({ max: 287 }), { maxLength: 40 }), windowSeconds: fc.array(num, { maxLength: 40 }), samples: fc.array(fc.nat(), { maxLength: 5 }),
      carried: fc.nat(), dayCarried: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 20 }), (rows) => {
        expect(written(rows)).toEqual(rows.map(templateRow));
      }),
      { numRuns: 300 },
    );
  });
});
