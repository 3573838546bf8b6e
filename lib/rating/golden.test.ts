import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dec } from '@/lib/money/decimal';
import { rateScenario } from './scenario';

/**
 * Every golden case (tests/golden, copied from ../shared/spec/golden) checked on all its
 * figures, the way ../shared/tools/check-rating compares them.
 */
const DIR = path.resolve(import.meta.dirname, '../../tests/golden');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

type Expect = {
  usage: { item: string; quantity: string }[];
  amount: string;
  total: string;
  deductions?: { entitlement: string; item: string; minutes: string }[];
  lines?: { item: string; quantity: string; amount: string }[];
};

test('all 31 golden cases are present', () => {
  expect(FILES).toHaveLength(31);
});

describe.each(FILES)('%s', (file) => {
  const scenario = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { expect: Expect };
  const exp = scenario.expect;
  const rated = rateScenario(scenario);
  if (!rated.ok) throw new Error(`${file}: ${rated.error}`);
  const r = rated.result;

  test('total and amount', () => {
    expect(r.total).toBe(dec(exp.total).toFixed(2));
    expect(dec(r.amount).minus(exp.amount).abs().lessThanOrEqualTo('1e-9')).toBe(true);
  });

  test('usage per item (and nothing else billable)', () => {
    const got = new Map<string, string>();
    for (const u of r.usage) got.set(u.item, dec(got.get(u.item) ?? 0).plus(u.quantity).toFixed());
    const want = new Map(exp.usage.map((u) => [u.item, dec(u.quantity).toFixed()]));
    for (const [item, q] of want) expect([item, got.get(item) ?? '0']).toEqual([item, q]);
    for (const [item, q] of got) if (!want.has(item)) expect([item, q]).toEqual([item, '0']);
  });

  if (exp.deductions) test('deductions per entitlement and item', () => {
    for (const x of exp.deductions ?? []) {
      const got = r.deductions.filter((d) => d.entitlement === x.entitlement && d.item === x.item).reduce((a, d) => a.plus(d.minutes), dec(0));
      expect(got.minus(x.minutes).abs().lessThanOrEqualTo('1e-9'), `${x.entitlement}/${x.item}: ${got.toFixed()} != ${x.minutes}`).toBe(true);
    }
  });

  if (exp.lines) test('lines per item', () => {
    for (const x of exp.lines ?? []) {
      const line = r.lines.find((l) => l.item === x.item);
      expect(line && [dec(line.quantity).toFixed(), dec(line.amount).toFixed()]).toEqual([dec(x.quantity).toFixed(), dec(x.amount).toFixed()]);
    }
  });

  test('amount is the exact sum of the lines, total is amount half-up to 2 decimals', () => {
    expect(r.lines.reduce((a, l) => a.plus(l.amount), dec(0)).toFixed()).toBe(dec(r.amount).toFixed());
    expect(dec(r.amount).toDecimalPlaces(2, 4 /* ROUND_HALF_UP */).toFixed(2)).toBe(r.total);
  });
});

// rating.md: "Copy the golden cases into the project ... and keep them in sync."
const SHARED = path.resolve(import.meta.dirname, '../../../shared/spec/golden');
test.runIf(existsSync(SHARED))('tests/golden matches ../shared/spec/golden', () => {
  const shared = readdirSync(SHARED).filter((f) => f.endsWith('.json')).sort();
  expect(FILES).toEqual(shared);
  for (const f of shared) expect(readFileSync(path.join(DIR, f), 'utf8'), f).toBe(readFileSync(path.join(SHARED, f), 'utf8'));
});
