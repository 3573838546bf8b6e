import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { civilFromDays, dateToDay, daysFromCivil, localCalendar, parseInstantSeconds, zoneOffsetSeconds } from './time-zone';

describe('parseInstantSeconds', () => {
  test.each([
    ['2024-10-08T10:00:00+08:00', Date.parse('2024-10-08T10:00:00+08:00') / 1000],
    ['2024-10-08T02:00:00Z', Date.parse('2024-10-08T02:00:00Z') / 1000],
    ['2024-10-07T19:00:00.999-07:00', Date.parse('2024-10-07T19:00:00-07:00') / 1000],
    ['2024-10-08T10:00+08:00', Date.parse('2024-10-08T10:00:00+08:00') / 1000],
    ['2024-02-29T00:00:00+00:00', Date.parse('2024-02-29T00:00:00Z') / 1000],
  ])('%s', (iso, epoch) => {
    expect(parseInstantSeconds(iso)).toBe(epoch);
  });

  test.each(['2024-10-08T10:00:00', '2024-10-08 10:00:00+08:00', '2023-02-29T00:00:00Z', '2024-10-08T24:00:00Z', '2024-10-08T10:60:00Z', '2024-10-08T10:00:00+8:00', ''])('refuses %j', (iso) => {
    expect(parseInstantSeconds(iso)).toBeNull();
  });

  test('agrees with Date.parse on random instants', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), fc.integer({ min: -12, max: 14 }), (t, h) => {
      const local = new Date((t + h * 3600) * 1000).toISOString().slice(0, 19);
      const iso = `${local}${h < 0 ? '-' : '+'}${String(Math.abs(h)).padStart(2, '0')}:00`;
      expect(parseInstantSeconds(iso)).toBe(t);
    }));
  });
});

describe('calendar', () => {
  test('day numbers round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (d) => {
      const { y, m, d: day } = civilFromDays(d);
      expect(daysFromCivil(y, m, day)).toBe(d);
    }));
  });

  test('Asia/Shanghai local days start at 16:00 UTC', () => {
    const cal = localCalendar('Asia/Shanghai');
    const day = dateToDay('2024-10-09') as number;
    expect(cal.dayStart(day)).toBe(Date.parse('2024-10-08T16:00:00Z') / 1000);
    expect(cal.dateOf(cal.dayOf(Date.parse('2024-10-08T15:59:59Z') / 1000))).toBe('2024-10-08');
  });

  test('unknown zones are refused', () => {
    expect(() => zoneOffsetSeconds('Europe/Paris')).toThrow('not supported');
  });
});
