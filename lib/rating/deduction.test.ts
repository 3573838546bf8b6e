import { describe, expect, test } from 'vitest';
import { dec } from '@/lib/money/decimal';
import { orderEntitlements } from './entitlements';
import type { UsageRecord } from './schemas';
import { APP, billedOf, entitlement, media, rate, video } from './test-support';

const ACCOUNT_NEW = { registeredAt: '2024-01-15T10:00:00+08:00' };
const ACCOUNT_OLD = { registeredAt: '2023-02-20T23:59:59+08:00' };
const hd = (start: string, seconds: number, more: Partial<UsageRecord> = {}) => media(start, seconds, [video('v', 1280, 720)], more);
const recHd = (start: string, seconds: number): UsageRecord => ({ type: 'recording', app: APP, start, seconds, mode: 'mixed', inputs: [{ audio: true, video: [1280, 720] }] });

describe('timing: 5-minute windows with cumulative rounding (seed 003 FAQ)', () => {
  const faq = [media('2024-10-08T00:00:00+08:00', 30), media('2024-10-08T00:05:00+08:00', 20), media('2024-10-08T00:10:00+08:00', 40)];

  test('30 s, 20 s, 40 s deduct 1, 0, 1: two minutes, not three', () => {
    const r = rate('trtc-2024-usd', faq, { entitlements: [entitlement('p', 'package', 100)] });
    expect(r.deductions).toEqual([{ entitlement: 'p', item: 'audio', minutes: '2', entitlementMinutes: '2' }]);
    expect(r.entitlements[0]).toMatchObject({ consumed: '2', remaining: '98' });
  });

  test('an entitlement of 1 minute covers the first window; the third window pays', () => {
    const r = rate('trtc-2024-usd', faq, { entitlements: [entitlement('p', 'package', 1)] });
    expect(billedOf(r)).toEqual({ audio: '1' });
  });

  test('one long record is spread over the windows it covers', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T00:00:00+08:00', 3600)], { entitlements: [entitlement('p', 'package', 30)] });
    expect(billedOf(r)).toEqual({ audio: '30' });
  });

  test('usage is deducted in the order it happened', () => {
    const records = [media('2024-10-08T10:00:00+08:00', 60), hd('2024-10-08T09:00:00+08:00', 60)];
    const r = rate('trtc-2024-usd', records, { entitlements: [entitlement('p', 'package', 4)] });
    expect(billedOf(r)).toEqual({ audio: '1', hd: '0' });
  });

  test('within a window, audio goes before video', () => {
    const records = [hd('2024-10-08T10:00:00+08:00', 60), media('2024-10-08T10:01:00+08:00', 60)];
    const r = rate('trtc-2024-usd', records, { entitlements: [entitlement('p', 'package', 4)] });
    // audio takes 1 entitlement minute; the 3 left cover 3/4 of the HD minute.
    expect(billedOf(r)).toEqual({ audio: '0', hd: '0.25' });
  });
});

describe('order: free first, then narrower scope, then sooner expiry, then earlier purchase', () => {
  const usage = [media('2024-10-08T10:00:00+08:00', 600)];
  const firstUsed = (list: ReturnType<typeof entitlement>[]) =>
    rate('trtc-2024-usd', usage, { entitlements: list, account: ACCOUNT_NEW }).deductions.map((d) => d.entitlement);

  test('free minutes before a package listed first', () => {
    expect(firstUsed([entitlement('pkg', 'package', 100), entitlement('free', 'free', 100)])).toEqual(['free']);
  });
  test('app-bound before account-wide', () => {
    expect(firstUsed([entitlement('wide', 'package', 100), entitlement('bound', 'package', 100, { app: APP })])).toEqual(['bound']);
  });
  test('the one that expires sooner', () => {
    expect(firstUsed([entitlement('late', 'package', 100, { validTo: '2024-11-30' }), entitlement('soon', 'package', 100)])).toEqual(['soon']);
  });
  test('then earlier purchase', () => {
    expect(firstUsed([
      entitlement('b', 'package', 100, { purchasedAt: '2024-10-02T09:00:00+08:00' }),
      entitlement('a', 'package', 100, { purchasedAt: '2024-10-01T09:00:00+08:00' }),
    ])).toEqual(['a']);
  });
  test('orderEntitlements is exported for the packages page', () => {
    expect(orderEntitlements([entitlement('x', 'package', 1), entitlement('f', 'free', 1)]).map((e) => e.id)).toEqual(['f', 'x']);
  });
});

describe('coverage and ratios', () => {
  test('package: media only, HD at 1:4', () => {
    const r = rate('trtc-2024-usd', [hd('2024-10-08T10:00:00+08:00', 600), recHd('2024-10-08T10:00:00+08:00', 600)], { entitlements: [entitlement('p', 'package', 1000)] });
    expect(r.deductions).toEqual([{ entitlement: 'p', item: 'hd', minutes: '10', entitlementMinutes: '40' }]);
    expect(billedOf(r)).toEqual({ hd: '0', 'recording.hd': '10' });
  });

  test('free, registered on or after 2023-02-21: recording HD at 1:6.1, transcoding covered', () => {
    const mix: UsageRecord = { type: 'transcode', app: APP, start: '2024-10-08T10:00:00+08:00', seconds: 600, codec: 'h265', inputs: [{ audio: true, video: [1920, 1080] }] };
    const r = rate('trtc-2024-usd', [recHd('2024-10-08T10:00:00+08:00', 600), mix], { entitlements: [entitlement('f', 'free', 10_000)], account: ACCOUNT_NEW });
    expect(r.deductions).toEqual([
      { entitlement: 'f', item: 'recording.hd', minutes: '10', entitlementMinutes: '61' },
      { entitlement: 'f', item: 'transcode.h265.fhd', minutes: '10', entitlementMinutes: '384' },
    ]);
  });

  test('free, registered before 2023-02-21: recording HD at 1:4, transcoding not covered', () => {
    const mix: UsageRecord = { type: 'transcode', app: APP, start: '2024-10-08T10:00:00+08:00', seconds: 600, codec: 'h264', inputs: [{ audio: true }] };
    const r = rate('trtc-2024-usd', [recHd('2024-10-08T10:00:00+08:00', 600), mix], { entitlements: [entitlement('f', 'free', 10_000)], account: ACCOUNT_OLD });
    expect(r.deductions).toEqual([{ entitlement: 'f', item: 'recording.hd', minutes: '10', entitlementMinutes: '40' }]);
    expect(billedOf(r)['transcode.audio']).toBe('10');
  });

  test('free covers delivery at the seed 003 ratios, VOD is not drawn', () => {
    const d = (target: 'tencent' | 'vod'): UsageRecord => ({ type: 'delivery', app: APP, start: '2024-10-08T10:00:00+08:00', seconds: 6000, target, output: [1920, 1080] });
    const r = rate('trtc-2024-usd', [d('tencent'), d('vod')], { entitlements: [entitlement('f', 'free', 10_000)], account: ACCOUNT_NEW });
    expect(r.deductions).toEqual([{ entitlement: 'f', item: 'delivery.tencent.fhd', minutes: '100', entitlementMinutes: '29' }]);
  });

  test('trial (2022 free trial) covers every media tier 1:1', () => {
    const r = rate('trtc-2022-cny', [media('2022-06-08T10:00:00+08:00', 600, [video('v', 3840, 2160)])], {
      entitlements: [entitlement('t', 'trial', 10_000, { validFrom: '2022-06-01', validTo: '2023-06-30' })],
    });
    expect(r.deductions).toEqual([{ entitlement: 't', item: '4k', minutes: '10', entitlementMinutes: '10' }]);
  });

  test('2022 universal package covers SD at 1:2', () => {
    const r = rate('trtc-2022-cny', [media('2022-06-08T10:00:00+08:00', 600, [video('v', 640, 480)])], {
      entitlements: [entitlement('u', 'package', 25_000, { validFrom: '2022-06-01', validTo: '2023-06-30' })],
    });
    expect(r.deductions).toEqual([{ entitlement: 'u', item: 'sd', minutes: '10', entitlementMinutes: '20' }]);
  });
});

describe('exact decimal splitting', () => {
  test('an entitlement running out mid-minute covers a fraction; the rest pays list price', () => {
    const r = rate('trtc-2024-usd', [hd('2024-10-08T10:00:00+08:00', 180)], { entitlements: [entitlement('p', 'package', 10)] });
    expect(r.deductions).toEqual([{ entitlement: 'p', item: 'hd', minutes: '2.5', entitlementMinutes: '10' }]);
    expect(r.lines).toEqual([{ item: 'hd', quantity: '0.5', unitPrice: '3.99', per: 1000, amount: '0.001995' }]);
  });

  test('a usage minute split between two entitlements', () => {
    const r = rate('trtc-2024-usd', [hd('2024-10-08T10:00:00+08:00', 60)], { entitlements: [entitlement('a', 'package', 2), entitlement('b', 'package', 100, { validTo: '2024-11-30' })] });
    expect(r.deductions).toEqual([
      { entitlement: 'a', item: 'hd', minutes: '0.5', entitlementMinutes: '2' },
      { entitlement: 'b', item: 'hd', minutes: '0.5', entitlementMinutes: '2' },
    ]);
    expect(billedOf(r)).toEqual({ hd: '0' });
  });

  test('a non-terminating ratio: covered + billed is exactly the usage', () => {
    const r = rate('trtc-2024-usd', [recHd('2024-10-08T10:00:00+08:00', 120)], { entitlements: [entitlement('f', 'free', 10)], account: ACCOUNT_NEW });
    const covered = dec(r.deductions[0]?.minutes ?? '0');
    expect(covered.toFixed(6)).toBe('1.639344');
    expect(covered.plus(r.lines[0]?.quantity ?? '0').toFixed()).toBe('2');
    expect(r.entitlements[0]?.remaining).toBe('0');
  });
});

describe('validity by local date and app scope', () => {
  const ent = entitlement('p', 'package', 1000, { validFrom: '2024-10-09', validTo: '2024-10-09' });

  test.each([
    ['the day before validFrom is never covered', '2024-10-08T23:59:00+08:00', 60, '1'],
    ['validFrom 00:00 local is covered', '2024-10-09T00:00:00+08:00', 60, '0'],
    ['an instant in UTC on the local valid day is covered', '2024-10-08T16:30:00Z', 60, '0'],
    ['validTo is inclusive', '2024-10-09T23:59:00+08:00', 60, '0'],
    ['the day after validTo is not', '2024-10-10T00:00:00+08:00', 60, '1'],
  ])('%s', (_, start, seconds, billed) => {
    expect(billedOf(rate('trtc-2024-usd', [media(start, seconds)], { entitlements: [ent] }))).toEqual({ audio: billed });
  });

  test('a package bought at 15:00 also covers that day\'s earlier usage not yet covered', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-09T08:00:00+08:00', 180)], {
      entitlements: [
        entitlement('free', 'free', 1, { validFrom: '2024-10-01' }),
        entitlement('bought', 'package', 100, { validFrom: '2024-10-09', purchasedAt: '2024-10-09T15:00:00+08:00' }),
      ],
    });
    expect(r.deductions.map((d) => [d.entitlement, d.minutes])).toEqual([['free', '1'], ['bought', '2']]);
  });

  test('an app-bound entitlement does not cover another SDKAppID', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T10:00:00+08:00', 60, [], { app: 1400000002 })], { entitlements: [entitlement('p', 'package', 100, { app: APP })] });
    expect(r.deductions).toEqual([]);
  });

  test('details name app and day for the settlement job', () => {
    const r = rate('trtc-2024-usd', [media('2024-10-08T10:00:00+08:00', 60)], { entitlements: [entitlement('p', 'package', 100)] });
    expect(r.deductionDetails).toEqual([{ entitlement: 'p', kind: 'package', minutes: '1', entitlementMinutes: '1', ratio: '1', item: 'audio', app: APP, period: '2024-10-08' }]);
  });
});

test('a book without coverage tables deducts nothing', () => {
  const r = rate('hst-cny', [media('2024-10-08T10:00:00+08:00', 600, [video('a', 640, 480)])], { entitlements: [entitlement('p', 'package', 1000)] });
  expect(r.deductions).toEqual([]);
});

test('documented exception: a second inside an already counted minute can move that minute to an earlier window', () => {
  // free covers audio 1:1 and recording audio 1:1.5; the package covers media only.
  const entitlements = [entitlement('free', 'free', 1), entitlement('pkg', 'package', 1)];
  const rec = (start: string): UsageRecord => ({ type: 'recording', app: APP, start, seconds: 1, mode: 'mixed', inputs: [{ audio: true }] });
  const base = [media('2024-10-08T10:00:00+08:00', 60), rec('2024-10-08T10:05:00+08:00')];
  const before = rate('trtc-2024-usd', base, { entitlements, account: ACCOUNT_NEW });
  const after = rate('trtc-2024-usd', [...base, rec('2024-10-08T09:55:00+08:00')], { entitlements, account: ACCOUNT_NEW });
  // Same 1 recording minute, but now counted at 09:55, when the free minute is still there.
  expect(billedOf(before)).toEqual({ audio: '0', 'recording.audio': '1' });
  expect(billedOf(after)).toEqual({ audio: '0', 'recording.audio': '0.333333333333' });
  expect(dec(after.amount).lessThan(before.amount)).toBe(true);
});
