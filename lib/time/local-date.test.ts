import { describe, expect, test } from 'vitest';
import { addDays, daysBetween, nextLocalMidnight, endOfLocalDay, isLocalDate, lastDayOfMonth, localDate, previousMonthStart, startOfLocalDay } from './local-date';
import { toOffsetIso } from './format';

describe('local dates in Asia/Shanghai', () => {
  test.each([
    ['just before local midnight', '2024-10-08T15:59:59Z', '2024-10-08'],
    ['local midnight', '2024-10-08T16:00:00Z', '2024-10-09'],
    ['UTC midnight is 08:00 local', '2024-10-09T00:00:00Z', '2024-10-09'],
  ])('%s', (_label, iso, expected) => {
    expect(localDate(new Date(iso))).toBe(expected);
  });

  test('day boundaries are 16:00 UTC', () => {
    expect(startOfLocalDay('2024-10-09').toISOString()).toBe('2024-10-08T16:00:00.000Z');
    expect(endOfLocalDay('2024-10-09').toISOString()).toBe('2024-10-09T16:00:00.000Z');
  });

  test('the next local midnight', () => {
    expect(nextLocalMidnight(new Date('2024-10-08T15:59:59Z')).toISOString()).toBe('2024-10-08T16:00:00.000Z');
    expect(nextLocalMidnight(new Date('2024-10-08T16:00:00Z')).toISOString()).toBe('2024-10-09T16:00:00.000Z');
  });

  test('calendar arithmetic', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(daysBetween('2024-01-31', '2024-03-01')).toBe(30);
    expect(lastDayOfMonth('2023-02-10')).toBe('2023-02-28');
    expect(previousMonthStart('2024-01-15')).toBe('2023-12-01');
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
  });

  test('offset ISO strings', () => {
    expect(toOffsetIso(new Date('2024-10-08T02:00:00Z'))).toBe('2024-10-08T10:00:00+08:00');
  });
});
