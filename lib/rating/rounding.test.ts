import { describe, expect, test } from 'vitest';
import { audio, media, rate, usageOf } from './test-support';

describe('duration rounding: per SDKAppID, per local day, per item, rounded up (rating.md section 3)', () => {
  test.each([
    [1, '1'],
    [60, '1'],
    [61, '2'],
    [0, '0'],
  ])('%i s in a day → %s min', (seconds, minutes) => {
    expect(usageOf(rate('trtc-2024-usd', [media('2024-10-08T10:00:00+08:00', seconds)]))).toEqual({ audio: minutes });
  });

  test('seconds add up over the day before rounding', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T10:00:00+08:00', 30), media('2024-10-08T11:00:00+08:00', 40)]);
    expect(usageOf(r)).toEqual({ audio: '2' });
  });

  test('each SDKAppID rounds on its own', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T10:00:00+08:00', 30), media('2024-10-08T10:00:00+08:00', 40, [], { app: 1400000002 })]);
    expect(usageOf(r)).toEqual({ audio: '2' });
    expect(r.details.map((d) => [d.app, d.usage])).toEqual([[1400000001, '1'], [1400000002, '1']]);
  });

  test('a record crossing local midnight is split at midnight', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T23:59:30+08:00', 60)]);
    expect(r.details.map((d) => [d.period, d.measured.value, d.usage])).toEqual([['2024-10-08', '30', '1'], ['2024-10-09', '30', '1']]);
    expect(usageOf(r)).toEqual({ audio: '2' });
  });

  test('the local day is the book time zone (Asia/Shanghai), whatever the record offset', () => {
    // 16:00Z is midnight in Shanghai: 15:59:00Z-16:01:00Z straddles Oct 8 and Oct 9 local.
    const r = rate('trtc-2024-usd', [media('2024-10-08T15:59:00Z', 120)]);
    expect(r.details.map((d) => [d.period, d.measured.value])).toEqual([['2024-10-08', '60'], ['2024-10-09', '60']]);
    const sameInstant = rate('trtc-2024-usd', [media('2024-10-08T08:59:00-07:00', 120)]);
    expect(sameInstant.details).toEqual(r.details);
  });

  test('a record spanning several days is split at every midnight', () => {
    const r = rate('trtc-2022-cny', [media('2022-06-08T12:00:00+08:00', 2 * 86_400, [audio('a')])]);
    expect(r.details.map((d) => [d.period, d.measured.value])).toEqual([
      ['2022-06-08', '43200'], ['2022-06-09', '86400'], ['2022-06-10', '43200'],
    ]);
  });

  test('explanations say the seconds, the day, the zone and the rounding', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T10:00:00+08:00', 12_345)]);
    expect(r.details[0]?.rounding).toBe('12,345 s on 2024-10-08 (Asia/Shanghai) → ceil → 206 min');
  });

  test('fractions of a second in start are dropped', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T23:59:59.900+08:00', 2)]);
    expect(r.details.map((d) => [d.period, d.measured.value])).toEqual([['2024-10-08', '1'], ['2024-10-09', '1']]);
  });
});

describe('rtv-cny rounds per SDKAppID per month', () => {
  test('30 s on two days of a month is one minute', () => {
    const r = rate('rtv-cny', [media('2024-10-08T10:00:00+08:00', 30, [audio('a')]), media('2024-10-20T10:00:00+08:00', 30, [audio('a')])]);
    expect(usageOf(r)).toEqual({ audio: '1' });
    expect(r.details[0]?.rounding).toBe('60 s in 2024-10 (Asia/Shanghai) → ceil → 1 min');
  });

  test('a record crossing the month end is split', () => {
    const r = rate('rtv-cny', [media('2024-10-31T23:59:30+08:00', 60, [audio('a')])]);
    expect(r.details.map((d) => [d.period, d.measured.value])).toEqual([['2024-10', '30'], ['2024-11', '30']]);
  });
});
