import { describe, expect, test } from 'vitest';
import type { UsageRecord } from '@/lib/rating';
import { clipToDay, dayWindow } from './day-window';

const media = (start: string, seconds: number): UsageRecord => ({ type: 'media', app: 1400000001, user: 'u', start, seconds, receive: [] });
const w = dayWindow('2024-10-08');

describe('settlement day boundaries (rating.md section 3: split at local midnight)', () => {
  test.each([
    ['inside the day: kept as is', media('2024-10-08T10:00:00+08:00', 600), '2024-10-08T10:00:00+08:00', 600],
    ['from the day before across midnight: the part after 00:00', media('2024-10-07T23:50:00+08:00', 1200), '2024-10-08T00:00:00+08:00', 600],
    ['across the next midnight: the part before 24:00', media('2024-10-08T23:55:00+08:00', 600), '2024-10-08T23:55:00+08:00', 300],
    ['spanning the whole day', media('2024-10-07T23:00:00+08:00', 26 * 3600), '2024-10-08T00:00:00+08:00', 86_400],
    ['the same instant written in UTC', media('2024-10-07T15:59:00Z', 120), '2024-10-08T00:00:00+08:00', 60],
    ['ends exactly at midnight: kept', media('2024-10-08T23:50:00+08:00', 600), '2024-10-08T23:50:00+08:00', 600],
  ])('%s', (_label, record, start, seconds) => {
    const clipped = clipToDay(record, w);
    expect(clipped && 'seconds' in clipped ? [clipped.start, clipped.seconds] : null).toEqual([start, seconds]);
  });

  test.each([
    ['the day before, ending at midnight', media('2024-10-07T23:50:00+08:00', 600)],
    ['the next day', media('2024-10-09T00:00:00+08:00', 60)],
    ['a monthly item', { type: 'relay', app: 1, start: '2024-10-08T10:00:00+08:00', target: 'tencent', kbps: 5 } as UsageRecord],
  ])('%s: not part of the day', (_label, record) => {
    expect(clipToDay(record, w)).toBeNull();
  });

  test('boundaries are 16:00 UTC', () => {
    expect(new Date(w.startMs).toISOString()).toBe('2024-10-07T16:00:00.000Z');
    expect(new Date(w.endMs).toISOString()).toBe('2024-10-08T16:00:00.000Z');
  });
});

