import { describe, expect, test } from 'vitest';
import type { UsageRecord } from './schemas';
import { rate, usageOf } from './test-support';

const relay = (start: string, kbps: number, target: 'tencent' | 'third-party' = 'tencent', app = 1): UsageRecord => ({ type: 'relay', app, start, target, kbps });
const shots = (start: string, count: number): UsageRecord => ({ type: 'screenshot', app: 1, start, count });
const calls = (start: string, n: number): UsageRecord => ({ type: 'signaling', app: 1, start, calls: n });

describe('relay: monthly peak Mbps per account and target', () => {
  test.each([
    ['100 Mbps exactly is free', 100_000, '100', '0'],
    ['100.001 Mbps bills the whole peak', 100_001, '100.001', '1899.01899'],
    ['150 Mbps', 150_000, '150', '2848.5'],
  ] as const)('tencent: %s', (_, kbps, usage, amount) => {
    const r = rate('trtc-2024-usd', [relay('2024-10-08T20:00:00+08:00', kbps)]);
    expect(usageOf(r)).toEqual({ 'relay.tencent': usage });
    expect(r.amount).toBe(amount);
  });

  test('third-party has no free peak', () => {
    expect(rate('trtc-2024-usd', [relay('2024-10-08T20:00:00+08:00', 1000, 'third-party')]).amount).toBe('18.99');
  });

  test('samples of several SDKAppIDs at the same instant add up; the peak is the largest instant', () => {
    const r = rate('trtc-2024-usd', [
      relay('2024-10-08T20:00:00+08:00', 60_000, 'tencent', 1),
      relay('2024-10-08T20:00:00+08:00', 50_000, 'tencent', 2),
      relay('2024-10-09T20:00:00+08:00', 90_000, 'tencent', 1),
    ]);
    expect(usageOf(r)).toEqual({ 'relay.tencent': '110' });
  });

  test('each local month has its own peak', () => {
    const r = rate('trtc-2024-usd', [relay('2024-10-31T23:00:00+08:00', 5000, 'third-party'), relay('2024-10-31T16:30:00Z', 7000, 'third-party')]);
    expect(r.details.map((d) => [d.period, d.usage])).toEqual([['2024-10', '5'], ['2024-11', '7']]);
    expect(usageOf(r)).toEqual({ 'relay.third-party': '12' });
  });
});

describe('screenshots: 10,000 free a month, the excess rounded up to thousands', () => {
  test.each([
    [8000, '0'],
    [10_000, '0'],
    [10_001, '1'],
    [22_000, '12'],
    [22_001, '13'],
  ])('%i images → %s thousand', (count, thousands) => {
    expect(usageOf(rate('trtc-2024-usd', [shots('2024-10-05T10:00:00+08:00', count)]))).toEqual({ screenshot: thousands });
  });

  test('counted per account per month across records', () => {
    const r = rate('trtc-2024-usd', [shots('2024-10-05T10:00:00+08:00', 6000), shots('2024-10-25T10:00:00+08:00', 6000)]);
    expect(usageOf(r)).toEqual({ screenshot: '2' });
  });
});

describe('signalling (hst-cny): 1,000,000 free calls a month, then per thousand', () => {
  test.each([
    [1_000_000, '0', '0'],
    [1_500_000, '500', '50'],
    [1_000_500, '0.5', '0.05'],
  ])('%i calls → %s thousand', (n, thousands, amount) => {
    const r = rate('hst-cny', [calls('2024-10-03T10:00:00+08:00', n)]);
    expect(usageOf(r)).toEqual({ signaling: thousands });
    expect(r.amount).toBe(amount);
  });
});
