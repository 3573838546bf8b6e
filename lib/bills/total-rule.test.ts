import { expect, test } from 'vitest';
import { dec } from '@/lib/money/decimal';
import { billCsv } from './csv';
import { totalRule } from './present';

// Issue 11: an adjustment's total is the re-rated period rounded minus what earlier bills charged,
// not its own amount rounded (an amount of 0.149 can total 0.14); the page and the CSV say so.
test('a first bill totals its amount rounded; an adjustment says what its total is', () => {
  expect(totalRule({ kind: 'daily' }).note).toBe('the amount rounded half-up to 2 decimals');
  expect(totalRule({ kind: 'adjustment', adjustmentSeq: 1 }).note).toBe('the day re-rated, rounded half-up to 2 decimals, minus what its earlier bills charged');
  expect(totalRule({ kind: 'monthly', adjustmentSeq: 2 }).label).toBe('Total (re-rated total minus earlier bills)');
  expect(totalRule({ kind: 'monthly', adjustmentSeq: 0 }).label).toBe('Total (half-up to 2 decimals)');
  const csv = billCsv({ number: 'B000002', kind: 'adjustment', adjustmentSeq: 1, periodStart: '2024-10-01', periodEnd: '2024-10-01', currency: 'USD', amount: dec('0.149'), total: dec('0.14') }, [], new Map());
  expect(csv).toContain('Total charged: the day re-rated, rounded half-up to 2 decimals, minus what its earlier bills charged');
  expect(csv).toContain('0.14');
});
