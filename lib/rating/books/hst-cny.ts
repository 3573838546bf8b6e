import type { PriceBook } from '../types';
import { perThousandMinutes as m } from './item-helpers';

export const HST_CNY: PriceBook = {
  id: 'hst-cny',
  name: '好视通云通信 (CNY)',
  provider: 'hst',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  effectiveFrom: '2024-01-01',
  effectiveNote: 'seed 001 states no date; open-ended from the first month the console rates',
  sources: ['001'],
  items: [
    m('audio', '音频通信', '6', '001 · 音频通信'),
    m('video-720p', '视频通信, 720P 及以下', '24', '001 · 视频通信'),
    m('video-1080p', '视频通信, 720P 以上', '72', '001 · 视频通信'),
    m('screen', '屏幕共享', '64', '001 · 屏幕共享'),
    m('mp-audio', '微信小程序, 音频', '25', '001 · 微信小程序'),
    m('mp-video', '微信小程序, 视频', '38', '001 · 微信小程序'),
    { code: 'signaling', name: '信令通道', unit: 'thousand calls', unitPrice: '0.1', per: 1, source: '001 · 信令通道' },
  ],
  rounding: { period: 'day' },
  media: {
    kind: 'per-received-stream',
    audioItem: 'audio',
    screenItem: 'screen',
    // 001 · 视频通信: compare width x height with 1280 x 720.
    videoTiers: [{ code: 'video-720p', maxArea: 921_600 }, { code: 'video-1080p', maxArea: null }],
    miniProgram: { audioItem: 'mp-audio', videoItem: 'mp-video' },
    source: '001 · 音频通信 / 视频通信 / 屏幕共享 / 微信小程序',
  },
  monthly: {
    // 001 · 信令通道: first 1,000,000 calls a month free, then 0.1 CNY per 1,000 calls (no rounding stated).
    signaling: { item: 'signaling', free: 1_000_000, perUnit: 1000, rounding: 'exact' },
  },
  coverage: { source: 'seed 001 offers no packages' },
};
