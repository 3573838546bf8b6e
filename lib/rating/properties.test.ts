import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dec } from '@/lib/money/decimal';
import type { RatingResult } from './result-types';
import type { Entitlement, UsageRecord } from './schemas';
import { rate } from './test-support';
import { dayToDate, SECONDS_PER_DAY } from './time-zone';

/** rating.md / issue 3 properties, on random usage of trtc-2024-usd around a local midnight. */

const T0 = Date.UTC(2024, 9, 8, 14, 0, 0) / 1000; // 2024-10-08 22:00 Asia/Shanghai
const pad = (n: number) => String(n).padStart(2, '0');
/** ISO with +08:00 or Z for an epoch second. */
function iso(t: number, utc: boolean): string {
  const local = utc ? t : t + 8 * 3600;
  const day = Math.floor(local / SECONDS_PER_DAY);
  const s = local - day * SECONDS_PER_DAY;
  return `${dayToDate(day)}T${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}${utc ? 'Z' : '+08:00'}`;
}

const size = fc.constantFrom<[number, number]>([640, 360], [1280, 720], [1920, 1080], [2560, 1440], [3840, 2160]);
const stream = fc.record({ stream: fc.constantFrom('a', 'b', 'c'), audio: fc.boolean(), video: fc.option(size, { nil: undefined }) })
  .map((s) => (s.video ? s : { stream: s.stream, audio: s.audio }));
const input = fc.record({ audio: fc.boolean(), video: fc.option(size, { nil: undefined }) }).map((s) => (s.video ? s : { audio: s.audio }));
const common = { app: fc.constantFrom(1400000001, 1400000002), t: fc.integer({ min: 0, max: 4 * 3600 }), utc: fc.boolean() };
const seconds = fc.integer({ min: 0, max: 5400 });

type Gen = { t: number; utc: boolean; make: (start: string, seconds: number) => UsageRecord; seconds: number | null };
const durationRecord: fc.Arbitrary<Gen> = fc.oneof(
  fc.record({ ...common, seconds, receive: fc.array(stream, { maxLength: 4 }) }).map((g) => ({ ...g, make: (start: string, s: number): UsageRecord => ({ type: 'media', app: g.app, user: 'u', start, seconds: s, receive: g.receive }) })),
  fc.record({ ...common, seconds, inputs: fc.array(input, { maxLength: 3 }) }).map((g) => ({ ...g, make: (start: string, s: number): UsageRecord => ({ type: 'recording', app: g.app, start, seconds: s, mode: 'mixed', inputs: g.inputs }) })),
  fc.record({ ...common, seconds, inputs: fc.array(input, { maxLength: 3 }), codec: fc.constantFrom('h264' as const, 'h265' as const) }).map((g) => ({ ...g, make: (start: string, s: number): UsageRecord => ({ type: 'transcode', app: g.app, start, seconds: s, codec: g.codec, inputs: g.inputs }) })),
  fc.record({ ...common, seconds, target: fc.constantFrom('tencent' as const, 'third-party' as const) }).map((g) => ({ ...g, make: (start: string, s: number): UsageRecord => ({ type: 'delivery', app: g.app, start, seconds: s, target: g.target, output: [1920, 1080] }) })),
);
const monthlyRecord: fc.Arbitrary<Gen> = fc.oneof(
  fc.record({ ...common, count: fc.nat(15_000) }).map((g) => ({ ...g, seconds: null, make: (start: string): UsageRecord => ({ type: 'screenshot', app: g.app, start, count: g.count }) })),
  fc.record({ ...common, kbps: fc.nat(200_000) }).map((g) => ({ ...g, seconds: null, make: (start: string): UsageRecord => ({ type: 'relay', app: g.app, start, target: 'tencent', kbps: g.kbps }) })),
);
const gen = fc.oneof({ weight: 5, arbitrary: durationRecord }, { weight: 1, arbitrary: monthlyRecord });
const build = (g: Gen) => g.make(iso(T0 + g.t, g.utc), g.seconds ?? 0);

const entitlementList: fc.Arbitrary<Entitlement[]> = fc.array(
  fc.record({
    kind: fc.constantFrom('free' as const, 'package' as const, 'trial' as const),
    minutes: fc.integer({ min: 0, max: 400 }),
    app: fc.option(fc.constantFrom(1400000001, 1400000002), { nil: undefined }),
    validFrom: fc.constantFrom('2024-10-08', '2024-10-09'),
  }),
  { maxLength: 3 },
).map((list) => list.map((e, i) => ({ id: `e${i}`, kind: e.kind, minutes: e.minutes, validFrom: e.validFrom, validTo: '2024-10-31', ...(e.app ? { app: e.app } : {}) })));

const account = { registeredAt: '2024-01-15T10:00:00+08:00' };

/** Everything but which records (indexes) produced each line. */
function figures(r: RatingResult) {
  return {
    usage: r.usage, deductions: r.deductions, lines: r.lines, amount: r.amount, total: r.total, entitlements: r.entitlements,
    details: r.details.map(({ records: _r, sampleRecords: _s, ...rest }) => rest),
  };
}

describe('properties', () => {
  test('splitting a record in two consecutive records changes nothing', () => {
    fc.assert(fc.property(fc.array(gen, { maxLength: 6 }), durationRecord, fc.double({ min: 0, max: 1, noNaN: true }), entitlementList, (others, g, at, entitlements) => {
      const s = g.seconds ?? 0;
      const k = Math.floor(s * at);
      const whole = [...others.map(build), build(g)];
      const split = [...others.map(build), g.make(iso(T0 + g.t, g.utc), k), g.make(iso(T0 + g.t + k, !g.utc), s - k)];
      expect(figures(rate('trtc-2024-usd', split, { entitlements, account }))).toEqual(figures(rate('trtc-2024-usd', whole, { entitlements, account })));
    }), { numRuns: 300 });
  });

  test('record order changes nothing', () => {
    fc.assert(fc.property(fc.array(gen, { maxLength: 8 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), entitlementList, ([list, shuffled], entitlements) => {
      expect(figures(rate('trtc-2024-usd', shuffled.map(build), { entitlements, account }))).toEqual(figures(rate('trtc-2024-usd', list.map(build), { entitlements, account })));
    }), { numRuns: 300 });
  });

  test('deductions never exceed an entitlement', () => {
    fc.assert(fc.property(fc.array(durationRecord, { maxLength: 10 }), entitlementList, (list, entitlements) => {
      const r = rate('trtc-2024-usd', list.map(build), { entitlements, account });
      for (const e of entitlements) {
        const used = r.deductions.filter((d) => d.entitlement === e.id).reduce((a, d) => a.plus(d.entitlementMinutes), dec(0));
        expect(used.lessThanOrEqualTo(e.minutes)).toBe(true);
        expect(dec(r.entitlements.find((x) => x.entitlement === e.id)?.remaining ?? -1).isNegative()).toBe(false);
      }
      for (const l of r.lines) expect(dec(l.quantity).isNegative()).toBe(false);
    }), { numRuns: 300 });
  });

  test('amount equals the sum of the lines (and of the detail lines); total is amount half-up', () => {
    fc.assert(fc.property(fc.array(gen, { maxLength: 10 }), entitlementList, (list, entitlements) => {
      const r = rate('trtc-2024-usd', list.map(build), { entitlements, account });
      expect(r.lines.reduce((a, l) => a.plus(l.amount), dec(0)).equals(r.amount)).toBe(true);
      expect(r.details.reduce((a, l) => a.plus(l.amount), dec(0)).equals(r.amount)).toBe(true);
      expect(dec(r.amount).toDecimalPlaces(2).toFixed(2)).toBe(r.total);
    }), { numRuns: 300 });
  });

  test('more usage never costs less (no entitlements: any extra record)', () => {
    fc.assert(fc.property(fc.array(gen, { maxLength: 8 }), gen, (list, extra) => {
      const before = rate('trtc-2024-usd', list.map(build));
      const after = rate('trtc-2024-usd', [...list.map(build), build(extra)]);
      expect(dec(after.amount).greaterThanOrEqualTo(before.amount)).toBe(true);
    }), { numRuns: 300 });
  });

  test('more usage never costs less (with entitlements: extra usage after the rest)', () => {
    fc.assert(fc.property(fc.array(gen, { maxLength: 8 }), gen, entitlementList, (list, extra, entitlements) => {
      const end = Math.max(0, ...list.map((g) => g.t + (g.seconds ?? 0)));
      const later = { ...extra, t: end + extra.t };
      const before = rate('trtc-2024-usd', list.map(build), { entitlements, account });
      const after = rate('trtc-2024-usd', [...list.map(build), build(later)], { entitlements, account });
      expect(dec(after.amount).greaterThanOrEqualTo(before.amount)).toBe(true);
    }), { numRuns: 300 });
  });
});
