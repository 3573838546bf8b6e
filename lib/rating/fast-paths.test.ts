import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Decimal, dec } from '@/lib/money/decimal';
import { formatQuantity } from '@/lib/money/format';
import { lineFigures } from './build-result';
import { compileBook, listAmount } from './compiled-book';
import { getPriceBook } from './books';
import { DurationUsage } from './duration-usage';
import { explainDetail } from './explain';
import type { LineDetail } from './result-types';
import { rate } from './test-support';
import type { PriceItem } from './types';

/**
 * Settlement builds 5,000 lines a day (issue 11): the faster ways lines are priced, explained
 * and handed to bill-diff must give exactly what the plain builders gave.
 */

/** explainDetail as it was written before (array parts joined), the reference. */
const UNIT_WORD: Record<PriceItem['unit'], string> = { minute: 'min', Mbps: 'Mbps', 'thousand images': 'thousand images', 'thousand calls': 'thousand calls' };
function explainDetailBefore(d: LineDetail, currency: string, unit: PriceItem['unit']): string {
  const word = UNIT_WORD[unit];
  const where = d.app === null ? 'account' : `app ${d.app}`;
  const more = d.records > d.sampleRecords.length ? ', …' : '';
  const which = d.sampleRecords.length ? ` (#${d.sampleRecords.join(', #')}${more})` : '';
  const records = `${d.records} record${d.records === 1 ? '' : 's'}${which}`;
  const parts = [`${where}: ${records}; ${d.rounding}`];
  for (const x of d.deductions) {
    parts.push(`${x.entitlement} (${x.kind}) covers ${formatQuantity(x.minutes)} ${word} at 1:${x.ratio} = ${formatQuantity(x.entitlementMinutes)} entitlement minutes`);
  }
  const perText = d.per === 1 ? word : `${formatQuantity(d.per)} ${word}`;
  parts.push(`${formatQuantity(d.quantity)} ${word} × ${d.unitPrice} ${currency} / ${perText} = ${d.amount} ${currency}`);
  return parts.join('; ');
}

/** Decimal strings as the rater writes them: integers, 12-decimal covered minutes, negative, zero, long. */
const decimalText = fc.oneof(
  fc.nat(10_000_000).map(String),
  fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.nat(999_999_999_999)).map(([w, f]) => dec(`${w}.${String(f).padStart(12, '0')}`).toFixed()),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((b) => dec(b.toString()).div('1e9').toFixed()),
  fc.constant('0'),
);

const detail: fc.Arbitrary<LineDetail> = fc.record({
  item: fc.constantFrom('audio', 'hd', 'relay', 'recording.mixed.fhd'),
  app: fc.option(fc.integer({ min: 1, max: 2_000_000_000 }), { nil: null }),
  period: fc.constantFrom('2024-10-08', '2024-10'),
  periodKind: fc.constantFrom('day' as const, 'month' as const),
  records: fc.nat(2_000_000),
  sampleRecords: fc.array(fc.nat(10_000_000), { maxLength: 6 }),
  measured: fc.constant({ value: '60', unit: 'seconds' as const }),
  rounding: fc.string(),
  roundingFacts: fc.constant({ rule: 'ceilSeconds' as const, seconds: '60', minutes: '1', periodKind: 'day' as const, period: '2024-10-08', zone: 'Asia/Shanghai' }),
  usage: decimalText,
  deductions: fc.array(
    fc.record({ entitlement: fc.string({ minLength: 1 }), kind: fc.constantFrom('free' as const, 'package' as const, 'trial' as const), minutes: decimalText, entitlementMinutes: decimalText, ratio: decimalText }),
    { maxLength: 3 },
  ),
  quantity: decimalText,
  unitPrice: fc.constantFrom('0.99', '3.99', '0.0045', '1', '15.8'),
  per: fc.constantFrom(1, 1000, 1_000_000, 7),
  amount: decimalText,
  source: fc.string(),
});

describe('explainDetail', () => {
  test('writes the same sentence as the builder before, on generated lines', () => {
    fc.assert(
      fc.property(detail, fc.constantFrom('USD', 'CNY'), fc.constantFrom<PriceItem['unit']>('minute', 'Mbps', 'thousand images', 'thousand calls'), (d, currency, unit) => {
        expect(explainDetail(d, currency, unit)).toBe(explainDetailBefore(d, currency, unit));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('listAmount', () => {
  const item = (unitPrice: string, per: number): PriceItem => ({ code: 'x', name: 'x', unit: 'minute', unitPrice, per, source: 's' });
  const price = fc.oneof(
    fc.constantFrom('0.99', '3.99', '0.0045', '1', '15.8', '0', '1234567.12345678'),
    fc.tuple(fc.nat(1_000_000), fc.nat(99_999_999)).map(([w, f]) => `${w}.${String(f).padStart(8, '0')}`),
    // More digits than the 40 of precision: the product is rounded, and must be rounded the same way.
    fc.bigInt({ min: 1n, max: 10n ** 45n }).map((b) => `0.${b.toString().padStart(45, '0')}`),
  );
  const quantity = fc.oneof(decimalText, fc.bigInt({ min: -(10n ** 50n), max: 10n ** 50n }).map((b) => dec(b.toString()).div('1e13').toFixed()));
  test('is quantity x unitPrice / per as computed before (a division), to the last digit', () => {
    fc.assert(
      fc.property(price, fc.constantFrom(1, 10, 1000, 1_000_000, 3, 7, 60), quantity, (p, per, q) => {
        const i = item(p, per);
        const x = dec(q);
        const before = x.isZero() ? new Decimal(0) : x.times(new Decimal(p)).div(per);
        const got = listAmount(i, x);
        expect(got.toFixed()).toBe(before.toFixed());
        expect(got.eq(before)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('lineFigures', () => {
  test('gives the Decimals of the line strings, and parses a detail whose strings changed', () => {
    const r = rate(
      'trtc-2024-usd',
      [
        { type: 'media', app: 1400000001, user: 'u', start: '2024-10-08T10:00:00+08:00', seconds: 3599, receive: [{ stream: 'a', audio: true, video: [1280, 720] }] },
        { type: 'media', app: 1400000002, user: 'u', start: '2024-10-08T10:00:00+08:00', seconds: 61, receive: [{ stream: 'a', audio: true }] },
      ],
      { entitlements: [{ id: 'free', kind: 'free', minutes: '7', validFrom: '2024-10-01', validTo: '2024-10-31' }] },
    );
    expect(r.details.length).toBeGreaterThan(1);
    for (const d of r.details) {
      const f = lineFigures(d);
      expect([f.usage.toFixed(), f.quantity.toFixed(), f.amount.toFixed()]).toEqual([dec(d.usage).toFixed(), dec(d.quantity).toFixed(), dec(d.amount).toFixed()]);
    }
    const d = { ...r.details[0]!, amount: '12.5' };
    expect(lineFigures(d).amount.toFixed()).toBe('12.5');
    const mutated = r.details[1]!;
    mutated.quantity = '42';
    expect(lineFigures(mutated).quantity.toFixed()).toBe('42');
  });
});

describe('DurationUsage.addAggregate samples', () => {
  test('keep the lowest distinct ids, whichever rows come first (a fresh line takes an ascending row as is)', () => {
    const cb = compileBook(getPriceBook('trtc-2024-usd'));
    const ids = fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(ids, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 6 }), (rows, sortFirst, sampleSize) => {
        const usage = new DurationUsage(cb, { windows: false, sampleSize });
        let expected: number[] = [];
        rows.forEach((row, i) => {
          const samples = sortFirst[i] ? [...new Set(row)].sort((x, y) => x - y) : row;
          usage.addAggregate(1, 20000, 0, { seconds: 1, records: 1, windows: [], windowSeconds: [], samples });
          if (samples.length) expected = [...new Set([...expected, ...samples].sort((x, y) => x - y))].slice(0, sampleSize);
        });
        const [bucket] = [...usage.entries()];
        expect(bucket!.samples[0] ?? []).toEqual(expected);
        if (bucket!.samples[0]) expect(rows.every((r) => r !== bucket!.samples[0])).toBe(true); // never the caller's array
      }),
      { numRuns: 1000 },
    );
  });
});
