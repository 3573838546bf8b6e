import { describe, expect, test } from 'vitest';
import type { UsageRecord } from './schemas';
import { rate, usageOf } from './test-support';

const AT = '2024-10-08T10:00:00+08:00';
type Input = { audio: boolean; video?: [number, number] };
const rec = (mode: 'single' | 'mixed', inputs: Input[], seconds = 600): UsageRecord => ({ type: 'recording', app: 1, start: AT, seconds, mode, inputs });
const mix = (codec: 'h264' | 'h265', inputs: Input[], seconds = 600): UsageRecord => ({ type: 'transcode', app: 1, start: AT, seconds, codec, inputs });
const A: Input = { audio: true };
const V = (w: number, h: number): Input => ({ audio: true, video: [w, h] });

describe('recording, trtc-2024-usd: one duration per process on the aggregate area', () => {
  test.each([
    ['all-audio process', [A, A, A], { 'recording.audio': '10' }],
    ['nothing recorded still counts as audio', [], { 'recording.audio': '10' }],
    ['4 x 640x360 = 921,600 is HD', [V(640, 360), V(640, 360), V(640, 360), V(640, 360)], { 'recording.hd': '10' }],
    ['audio-only inputs beside video count nothing', [A, V(960, 720)], { 'recording.hd': '10' }],
    ['3,916,800 px is 2K+ (recording.4k)', [V(640, 360), V(1280, 720), V(960, 720), V(1920, 1080)], { 'recording.4k': '10' }],
  ] as const)('%s', (_, inputs, expected) => {
    expect(usageOf(rate('trtc-2024-usd', [rec('mixed', [...inputs])]))).toEqual(expected);
  });

  test('single and mixed processes are each one duration', () => {
    expect(usageOf(rate('trtc-2024-usd', [rec('single', [A, A]), rec('mixed', [A, A])]))).toEqual({ 'recording.audio': '20' });
  });
});

describe('recording, trtc-2022-cny: per input stream', () => {
  test.each([
    ['mixed, all audio: one integrated audio', 'mixed', [A, A, A], { 'recording.mixed.audio': '10' }],
    ['single, all audio: each input', 'single', [A, A, A], { 'recording.single.audio': '30' }],
    ['mixed with video: each audio-only input counts', 'mixed', [A, A, V(640, 360)], { 'recording.mixed.audio': '20', 'recording.mixed.sd': '10' }],
    ['720x360 is SD by area (rating.md section 6)', 'single', [V(720, 360)], { 'recording.single.sd': '10' }],
    ['video inputs each on their own tier', 'mixed', [V(1920, 1080), V(1280, 720)], { 'recording.mixed.fhd': '10', 'recording.mixed.hd': '10' }],
  ] as const)('%s', (_, mode, inputs, expected) => {
    expect(usageOf(rate('trtc-2022-cny', [rec(mode, [...inputs])]))).toEqual(expected);
  });
});

describe('transcoding', () => {
  test('2024: aggregate input area by codec, plus one audio duration for audio-only inputs', () => {
    const r = rate('trtc-2024-usd', [mix('h265', [A, A, V(1920, 1080), V(1280, 720)])]);
    expect(usageOf(r)).toEqual({ 'transcode.h265.2k': '10', 'transcode.audio': '10' });
  });

  test('2024: the output resolution does not decide the tier', () => {
    const r = rate('trtc-2024-usd', [{ type: 'transcode', app: 1, start: AT, seconds: 60, codec: 'h264', inputs: [V(640, 360)], output: [3840, 2160] }]);
    expect(usageOf(r)).toEqual({ 'transcode.h264.hd': '1' });
  });

  test('2022: all-audio counts once, audio beside video counts per input', () => {
    expect(usageOf(rate('trtc-2022-cny', [mix('h264', [A, A])]))).toEqual({ 'transcode.audio': '10' });
    expect(usageOf(rate('trtc-2022-cny', [mix('h264', [A, A, V(640, 480)])]))).toEqual({ 'transcode.audio': '20', 'transcode.h264.sd': '10' });
  });
});

describe('delivery and slicing (trtc-2024-usd)', () => {
  const del = (target: 'tencent' | 'third-party' | 'vod', output?: [number, number]): UsageRecord =>
    ({ type: 'delivery', app: 1, start: AT, seconds: 600, target, ...(output ? { output } : {}) }) as UsageRecord;

  test.each([
    ['no output is an audio file', del('third-party'), 'delivery.third-party.audio'],
    ['720x360 output is HD', del('tencent', [720, 360]), 'delivery.tencent.hd'],
    ['2560x1440 output is 2K', del('tencent', [2560, 1440]), 'delivery.tencent.2k'],
  ] as const)('%s', (_, record, item) => {
    expect(usageOf(rate('trtc-2024-usd', [record]))).toEqual({ [item]: '10' });
  });

  test('delivery to VOD is free', () => {
    const r = rate('trtc-2024-usd', [del('vod', [1920, 1080])]);
    expect(usageOf(r)).toEqual({ 'delivery.vod.fhd': '10' });
    expect(r.amount).toBe('0');
  });

  test('video slicing is priced per minute', () => {
    const r = rate('trtc-2024-usd', [{ type: 'slicing', app: 1, start: AT, seconds: 6000, kind: 'video' }]);
    expect(r.lines).toEqual([{ item: 'slicing.video', quantity: '100', unitPrice: '0.00249', per: 1, amount: '0.249' }]);
  });
});
