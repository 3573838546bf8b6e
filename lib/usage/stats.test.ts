import { describe, expect, test } from 'vitest';
import { getPriceBook, type UsageRecord } from '@/lib/rating';
import { bucketIndex, bucketLabels, daysOf, fiveMinuteChart, summarizeDaily, type DailyStat } from './stats';

const book = getPriceBook('trtc-2024-usd');
const media = (start: string, seconds: number, video?: [number, number], app = 1400000001): UsageRecord =>
  ({ type: 'media', app, user: 'u', start, seconds, receive: [{ stream: 's', audio: true, ...(video ? { video } : {}) }] }) as UsageRecord;

describe('5-minute buckets of one day', () => {
  test('labels and indexes', () => {
    const labels = bucketLabels();
    expect([labels.length, labels[0], labels[1], labels[287]]).toEqual([288, '00:00', '00:05', '23:55']);
    expect(bucketIndex('2024-10-08T10:07:59+08:00')).toBe(121);
  });

  test('a record spreads its seconds over the windows it covers (FAQ table: 30 s, 20 s, 40 s)', () => {
    const chart = fiveMinuteChart(book, [media('2024-10-08T00:04:30+08:00', 30), media('2024-10-08T00:05:00+08:00', 20), media('2024-10-08T00:12:00+08:00', 40)], { day: '2024-10-08' });
    expect(chart.series.map((s) => s.item)).toEqual(['audio']);
    expect(chart.series[0]?.values.slice(0, 3).map((v) => v * 60)).toEqual([30, 20, 40]);
  });

  test('a record crossing 10:03–10:12 fills three buckets', () => {
    const chart = fiveMinuteChart(book, [media('2024-10-08T10:03:00+08:00', 540, [1280, 720])], { day: '2024-10-08' });
    const v = chart.series[0]?.values ?? [];
    expect([v[120], v[121], v[122]].map((x) => (x ?? 0) * 60)).toEqual([120, 300, 120]);
  });

  test("the day before's record crossing midnight counts after midnight only", () => {
    const records = [media('2024-10-07T23:58:00+08:00', 300)];
    const chart = fiveMinuteChart(book, records, { day: '2024-10-08' });
    expect(chart.series[0]?.values[0]).toBe(3); // 180 s after midnight
    expect(chart.series[0]?.values.reduce((a, b) => a + b, 0)).toBe(3);
  });

  test('filters by application and item; items in book order', () => {
    const records = [media('2024-10-08T10:00:00+08:00', 60, [1920, 1080]), media('2024-10-08T10:00:00+08:00', 60), media('2024-10-08T10:00:00+08:00', 60, undefined, 1400000002)];
    expect(fiveMinuteChart(book, records, { day: '2024-10-08' }).series.map((s) => s.item)).toEqual(['audio', 'fhd']);
    const one = fiveMinuteChart(book, records, { day: '2024-10-08', sdkAppId: 1400000002 });
    expect(one.series.map((s) => [s.item, s.values[120]])).toEqual([['audio', 1]]);
    expect(fiveMinuteChart(book, records, { day: '2024-10-08', item: 'fhd' }).series.map((s) => s.item)).toEqual(['fhd']);
  });
});

describe('daily totals of a range', () => {
  const row = (sdkAppId: number, localDay: string, item: string, seconds: number, extra: Partial<DailyStat> = {}): DailyStat => ({ sdkAppId, localDay, item, seconds, quantity: 0, peakKbps: '0', records: 1, ...extra });

  test('minutes round up per application per day, then add up', () => {
    const v = summarizeDaily(book, [row(1, '2024-10-01', 'hd', 61), row(2, '2024-10-01', 'hd', 1), row(1, '2024-10-02', 'hd', 59)], { from: '2024-10-01', to: '2024-10-03' });
    expect(v.byDay.map((d) => [d.day, d.minutes])).toEqual([['2024-10-01', 3], ['2024-10-02', 1], ['2024-10-03', 0]]);
    expect(v.byAppItem.map((r) => [r.sdkAppId, r.item, r.seconds, r.minutes, r.days])).toEqual([[1, 'hd', 120, 3, 2], [2, 'hd', 1, 1, 1]]);
    expect([v.totalSeconds, v.totalMinutes]).toEqual([121, 4]);
    expect(v.dailyChart.labels).toEqual(['2024-10-01', '2024-10-02', '2024-10-03']);
    expect(v.dailyChart.series).toEqual([{ item: 'hd', name: expect.any(String), values: [3, 1, 0], seconds: expect.any(Array) }]);
  });

  test('sampled monthly items are listed apart: relay peak, screenshot count', () => {
    const v = summarizeDaily(book, [row(1, '2024-10-01', 'relay.tencent', 0, { peakKbps: '900' }), row(1, '2024-10-02', 'relay.tencent', 0, { peakKbps: '1200.5' }), row(1, '2024-10-01', 'screenshot', 0, { quantity: 40 }), row(1, '2024-10-02', 'screenshot', 0, { quantity: 2 })], { from: '2024-10-01', to: '2024-10-02' });
    expect(v.byAppItem).toEqual([]);
    expect(v.sampled.map((s) => [s.item, s.unit, s.value])).toEqual([['relay.tencent', 'kbps', '1200.5'], ['screenshot', 'images', '42']]);
  });

  test('a per-month book rounds once per month', () => {
    const v = summarizeDaily(getPriceBook('rtv-cny'), [row(1, '2024-10-01', 'audio', 30), row(1, '2024-10-02', 'audio', 30)], { from: '2024-10-01', to: '2024-10-02' });
    expect(v.byAppItem[0]?.minutes).toBe(1);
    expect(v.rounding).toMatch(/calendar month/);
  });

  test('daysOf is inclusive', () => {
    expect(daysOf('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});
