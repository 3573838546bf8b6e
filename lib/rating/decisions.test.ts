import { expect, test } from 'vitest';
import type { UsageRecord } from './schemas';
import { audio, media, rate, usageOf } from './test-support';
import { packageValidity } from './validity';

/** rating.md section 6: where the seeds contradict themselves, the rule the seed states wins. */

test('003 recording example 2: audio rounds per day, 84 + 167 = 251 minutes (not 250); total 1.62', () => {
  const r = (start: string, mode: 'single' | 'mixed'): UsageRecord => ({ type: 'recording', app: 1, start, seconds: 5000, mode, inputs: [{ audio: true }, { audio: true }] });
  const result = rate('trtc-2024-usd', [r('2022-02-11T09:00:00+08:00', 'mixed'), r('2022-02-12T09:00:00+08:00', 'single'), r('2022-02-12T09:00:00+08:00', 'mixed')]);
  expect(result.details.map((d) => [d.period, d.usage])).toEqual([['2022-02-11', '84'], ['2022-02-12', '167']]);
  expect(usageOf(result)).toEqual({ 'recording.audio': '251' });
});

test('003/004 screenshots example 2: 12 thousand billable images cost 12 x 0.03 = 0.36, not 0.6', () => {
  const r = rate('trtc-2024-usd', [{ type: 'screenshot', app: 1, start: '2024-10-05T10:00:00+08:00', count: 22_000 }]);
  expect([usageOf(r), r.amount]).toEqual([{ screenshot: '12' }, '0.36']);
});

test('001 audio case 2: A also pays 0.72; total 3.24 CNY, not 1.8', () => {
  const speaker = (user: string, others: string[]) => media('2024-10-08T10:00:00+08:00', 3600, others.map(audio), { user });
  const r = rate('hst-cny', [speaker('A', ['B', 'C']), speaker('B', ['A', 'C']), speaker('C', ['A', 'B']), speaker('D', ['A', 'B', 'C'])]);
  expect(r.amount).toBe('3.24');
});

test('002 recording: 720x360 (259,200 px) is SD by area, though one note says HD', () => {
  const r = rate('trtc-2022-cny', [{ type: 'recording', app: 1, start: '2022-06-08T10:00:00+08:00', seconds: 60, mode: 'single', inputs: [{ audio: true, video: [720, 360] }] }]);
  expect(usageOf(r)).toEqual({ 'recording.single.sd': '1' });
});

test('003 package validity: bought 2023-03-01, valid through 2023-03-31, renewed 2023-04-01 (not April 2)', () => {
  expect(packageValidity('2023-03-01')).toEqual({ validFrom: '2023-03-01', validTo: '2023-03-31', renewsOn: '2023-04-01', anchorDay: 1 });
});
