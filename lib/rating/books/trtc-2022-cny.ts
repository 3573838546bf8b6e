import type { PriceBook, PriceItem } from '../types';
import { perThousandMinutes as m, TIERS_2022 } from './item-helpers';

const AV = '002 · 音视频时长计费说明 · 计费价格';
const REC = '002 · 云端录制计费说明 · 计费价格';
const MIX = '002 · 云端混流转码计费说明 · 计费价格';
const TIER_NAMES: Record<string, string> = { audio: 'audio', sd: 'SD', hd: 'HD', fhd: 'FHD', '2k': '2K', '4k': '4K' };

const series = (prefix: string, label: string, tiers: string[], prices: string[], source: string): PriceItem[] =>
  tiers.map((tier, i) => m(`${prefix}${tier}`, `${label}, ${TIER_NAMES[tier] ?? tier}`, prices[i] ?? '0', source));

const ALL = ['audio', 'sd', 'hd', 'fhd', '2k', '4k'];
const VIDEO = ['sd', 'hd', 'fhd', '2k', '4k'];

const items: PriceItem[] = [
  m('audio', 'Audio duration', '7.00', AV),
  ...series('', 'Video duration', VIDEO, ['14.00', '28.00', '63.00', '112.00', '252.00'], AV),
  ...series('recording.single.', 'Single-stream recording', ALL, ['3.5', '7', '14', '31', '56', '97'], REC),
  ...series('recording.mixed.', 'Mixed-stream recording', ALL, ['9', '19', '35', '79', '138', '323'], REC),
  m('transcode.audio', 'MixTranscoding, audio', '5.6', MIX),
  ...series('transcode.h264.', 'MixTranscoding, H.264', VIDEO, ['12', '21', '48', '82', '226'], MIX),
  ...series('transcode.h265.', 'MixTranscoding, H.265', VIDEO, ['35', '68', '136', '292', '583'], MIX),
];

const MEDIA_1_2_4_9_16_36 = { audio: '1', sd: '2', hd: '4', fhd: '9', '2k': '16', '4k': '36' };

export const TRTC_2022_CNY: PriceBook = {
  id: 'trtc-2022-cny',
  name: '腾讯云实时音视频 TRTC, 后付费 (CNY, 2022)',
  provider: 'trtc',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  effectiveFrom: '2019-10-11',
  effectiveNote: '002 · 计费常见问题: per-tier prices (语音、标清、高清、全高清) since 2019-10-11; per-stream media for accounts whose first application predates 2021-10-27 (lifecycle.md)',
  sources: ['002'],
  items,
  rounding: { period: 'day' },
  media: { kind: 'per-stream', tiers: TIERS_2022, audioItem: 'audio', source: '002 · 音视频时长计费说明 · 用量统计' },
  recording: {
    kind: 'per-input', tiers: TIERS_2022, videoItem: 'recording.{mode}.{tier}', audioItem: 'recording.{mode}.audio',
    allAudioOnce: ['mixed'], source: '002 · 云端录制计费说明 · 用量统计 (合流录制下所有流均为纯音频: 一路集成音频)',
  },
  transcode: {
    kind: 'per-input', tiers: TIERS_2022, videoItem: 'transcode.{codec}.{tier}', audioItem: 'transcode.audio',
    allAudioOnce: true, source: '002 · 云端混流转码计费说明 · 用量统计 (纯语音输入: 多音频输入按一份)',
  },
  monthly: {},
  coverage: {
    source: '002 · 预付费套餐包 (1:2:4:9:16:36) and 免费试用 (1:1:1:1:1:1)',
    package: MEDIA_1_2_4_9_16_36,
    trial: { audio: '1', sd: '1', hd: '1', fhd: '1', '2k': '1', '4k': '1' },
    // Decision: seed 002 has no monthly free minutes; when the console grants them to a CNY
    // account they cover media at the package ratios (both seed 003 tables agree on media).
    free: [{ ratios: MEDIA_1_2_4_9_16_36, source: '003 · Free Minutes (media ratios), applied to the 2022 tiers' }],
  },
};
