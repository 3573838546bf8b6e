import { describe, expect, test } from 'vitest';
import { projectExhaustion, type ProjectionInput } from './package-projection';

const pkg = (extra: Partial<ProjectionInput> = {}): ProjectionInput => ({
  minutes: '50000', minutesUsed: '20000', validFrom: '2024-10-01', validTo: '2024-10-31', status: 'active', usedByDay: [], ...extra,
});
const days = (from: number, to: number, minutes: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ day: `2024-10-${String(from + i).padStart(2, '0')}`, minutes }));

describe('projected exhaustion at the average of the last 7 settled days', () => {
  test.each([
    ['1,000 a day, 30,000 left → 30 days from today, past expiry', pkg({ usedByDay: days(8, 14, '1000') }), 'outlasts', null],
    ['3,000 a day, 30,000 left → the 10th day from today', pkg({ usedByDay: days(8, 14, '3000') }), 'exhausts', '2024-10-24'],
    ['only today-7..today-1 count', pkg({ usedByDay: [...days(1, 7, '9999'), ...days(8, 14, '3000')] }), 'exhausts', '2024-10-24'],
    ['no deductions yet', pkg(), 'no-rate', null],
    ['used up', pkg({ minutesUsed: '50000' }), 'used-up', null],
    ['queued', pkg({ status: 'queued', validFrom: null, validTo: null }), 'queued', null],
  ])('%s', (_label, input, state, date) => {
    const p = projectExhaustion(input, '2024-10-15');
    expect(p.state).toBe(state);
    expect(p.exhaustsOn).toBe(date);
  });

  test('a package that started 2 days ago averages over 2 days', () => {
    const p = projectExhaustion(pkg({ validFrom: '2024-10-13', usedByDay: days(13, 14, '5000'), minutesUsed: '10000' }), '2024-10-15');
    expect([p.daysObserved, p.averagePerDay.toFixed(), p.exhaustsOn]).toEqual([2, '5000', '2024-10-22']);
  });

  test('remaining and percentage', () => {
    const p = projectExhaustion(pkg(), '2024-10-15');
    expect([p.remaining.toFixed(), p.usedPercent]).toEqual(['30000', 40]);
  });
});
