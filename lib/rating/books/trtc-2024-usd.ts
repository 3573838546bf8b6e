import type { PriceBook, PriceItem } from '../types';
import { MEDIA_RATIOS_2024, perThousandMinutes as m, TIERS_2024 } from './item-helpers';

const AV = '003 · Billing of Audio and Video Duration · Pricing';
const REC = '003 · Billing of On-Cloud Recording and Recording Delivery · On-Cloud Recording · Billing Price';
const DEL = '003 · Billing of On-Cloud Recording and Recording Delivery · Recording Delivery · Billing Price';
const VOD = '003 · Recording Delivery · Note (recording files saved to VOD: delivery fees waived)';
const MIX = '003 · Billing of MixTranscoding and Relay to CDN · MixTranscoding · Billing Prices';
const RELAY = '003 · Billing of MixTranscoding and Relay to CDN · Relay Fees · Pricing';
const SHOT = '003 · Video Screenshot Upload · Billing Price (also 004 · Terminal Video Screenshot)';
const SLICE = '004 · Cloud Slicing · Cloud Audio Slicing Price / Cloud Video Screenshot Price';
const FREE = '003 · Free Minutes';

const deliveryItems = (target: 'tencent' | 'third-party' | 'vod', label: string, prices: string[], source: string): PriceItem[] =>
  (['audio', 'hd', 'fhd', '2k', '4k'] as const).map((tier, i) =>
    m(`delivery.${target}.${tier}`, `Recording delivery to ${label}, ${tier === 'audio' ? 'audio' : tier.toUpperCase()}`, prices[i] ?? '0', source),
  );

const items: PriceItem[] = [
  m('audio', 'Audio duration', '0.99', AV),
  m('hd', 'Video duration, HD (aggregate <= 921,600 px)', '3.99', AV),
  m('fhd', 'Video duration, FHD (aggregate <= 2,073,600 px)', '8.99', AV),
  m('2k', 'Video duration, 2K (aggregate <= 3,686,400 px)', '15.99', AV),
  m('4k', 'Video duration, 4K (aggregate > 3,686,400 px)', '35.99', AV),
  m('recording.audio', 'On-cloud recording, audio', '1.49', REC),
  m('recording.hd', 'On-cloud recording, HD', '5.99', REC),
  m('recording.fhd', 'On-cloud recording, FHD', '13.49', REC),
  m('recording.2k', 'On-cloud recording, 2K', '23.99', REC),
  m('recording.4k', 'On-cloud recording, 2K+ (4K)', '53.99', REC),
  ...deliveryItems('tencent', 'Tencent Cloud storage', ['0.02', '0.13', '0.29', '0.58', '1.16'], DEL),
  ...deliveryItems('third-party', 'third-party storage', ['0.13', '0.82', '1.72', '3.6', '7.19'], DEL),
  ...deliveryItems('vod', 'VOD (waived)', ['0', '0', '0', '0', '0'], VOD),
  m('transcode.audio', 'MixTranscoding, audio', '1.99', MIX),
  m('transcode.h264.hd', 'MixTranscoding, H.264 HD', '5.99', MIX),
  m('transcode.h264.fhd', 'MixTranscoding, H.264 FHD', '13.99', MIX),
  m('transcode.h264.2k', 'MixTranscoding, H.264 2K', '25.99', MIX),
  m('transcode.h264.4k', 'MixTranscoding, H.264 4K', '69.99', MIX),
  m('transcode.h265.hd', 'MixTranscoding, H.265 HD', '17.99', MIX),
  m('transcode.h265.fhd', 'MixTranscoding, H.265 FHD', '37.99', MIX),
  m('transcode.h265.2k', 'MixTranscoding, H.265 2K', '69.99', MIX),
  m('transcode.h265.4k', 'MixTranscoding, H.265 4K', '189.99', MIX),
  { code: 'relay.tencent', name: 'Relay to Tencent Cloud CSS, monthly peak', unit: 'Mbps', unitPrice: '18.99', per: 1, source: RELAY },
  { code: 'relay.third-party', name: 'Relay to third-party CDN, monthly peak', unit: 'Mbps', unitPrice: '18.99', per: 1, source: RELAY },
  { code: 'screenshot', name: 'Video screenshot upload', unit: 'thousand images', unitPrice: '0.03', per: 1, source: SHOT },
  { code: 'slicing.audio', name: 'Cloud audio slicing', unit: 'minute', unitPrice: '0.00149', per: 1, source: SLICE },
  { code: 'slicing.video', name: 'Cloud video screenshot (slicing)', unit: 'minute', unitPrice: '0.00249', per: 1, source: SLICE },
];

/** Free-minute ratios for accounts registered on or after 2023-02-21 (seed 003 · Free Minutes, first table). */
const FREE_SINCE_2023_02_21: Record<string, string> = {
  ...MEDIA_RATIOS_2024,
  'recording.audio': '1.5', 'recording.hd': '6.1', 'recording.fhd': '13.6', 'recording.2k': '24.2', 'recording.4k': '54.5',
  'transcode.audio': '2',
  'transcode.h264.hd': '6.1', 'transcode.h264.fhd': '14.1', 'transcode.h264.2k': '26.3', 'transcode.h264.4k': '70.7',
  'transcode.h265.hd': '18.2', 'transcode.h265.fhd': '38.4', 'transcode.h265.2k': '70.7', 'transcode.h265.4k': '191.9',
  'delivery.tencent.audio': '0.02', 'delivery.tencent.hd': '0.13', 'delivery.tencent.fhd': '0.29', 'delivery.tencent.2k': '0.58', 'delivery.tencent.4k': '1.16',
  'delivery.third-party.audio': '0.13', 'delivery.third-party.hd': '0.82', 'delivery.third-party.fhd': '1.72', 'delivery.third-party.2k': '3.6', 'delivery.third-party.4k': '7.19',
};

/** Free-minute ratios for accounts registered before 2023-02-21: media and recording at 1, 4, 9, 16, 36. */
const FREE_BEFORE_2023_02_21: Record<string, string> = {
  ...MEDIA_RATIOS_2024,
  'recording.audio': '1', 'recording.hd': '4', 'recording.fhd': '9', 'recording.2k': '16', 'recording.4k': '36',
};

export const TRTC_2024_USD: PriceBook = {
  id: 'trtc-2024-usd',
  name: 'Tencent RTC, pay-as-you-go (USD, 2024)',
  provider: 'trtc',
  currency: 'USD',
  timeZone: 'Asia/Shanghai',
  effectiveFrom: '2021-10-27',
  effectiveNote: '003 · Billing of Audio and Video Duration: aggregate resolution applies to accounts whose first application is created on or after 2021-10-27',
  sources: ['003', '004'],
  items,
  rounding: { period: 'day' },
  media: { kind: 'aggregate', tiers: TIERS_2024, audioItem: 'audio', source: '003 · Billing of Audio and Video Duration · Usage Calculation' },
  recording: {
    kind: 'aggregate-process', tiers: TIERS_2024, videoItem: 'recording.{tier}', audioItem: 'recording.audio',
    source: '003 · On-Cloud Recording · Usage Calculation',
  },
  transcode: {
    kind: 'aggregate-plus-audio', tiers: TIERS_2024, videoItem: 'transcode.{codec}.{tier}', audioItem: 'transcode.audio',
    source: '003 · MixTranscoding · Usage Calculation (Video Input Duration, Audio Input Duration)',
  },
  delivery: { tiers: TIERS_2024, item: 'delivery.{target}.{tier}', audioTier: 'audio', source: '003 · Recording Delivery · Usage Calculation' },
  slicing: { item: 'slicing.{kind}', source: SLICE },
  monthly: {
    relay: { items: { tencent: 'relay.tencent', 'third-party': 'relay.third-party' }, freePeakMbps: { tencent: 100 } },
    screenshot: { item: 'screenshot', free: 10_000, perUnit: 1000, rounding: 'ceil' },
  },
  coverage: {
    source: '003 · Free Minutes; Billing Explanation for Subscription Package Duration · Deduction Ratios',
    package: { ...MEDIA_RATIOS_2024 },
    trial: { audio: '1', hd: '1', fhd: '1', '2k': '1', '4k': '1' },
    free: [
      { registeredBefore: '2023-02-21T00:00:00+08:00', ratios: FREE_BEFORE_2023_02_21, source: `${FREE} · accounts registered before February 21, 2023` },
      { ratios: FREE_SINCE_2023_02_21, source: `${FREE} · accounts registered on or after February 21, 2023` },
    ],
  },
};
