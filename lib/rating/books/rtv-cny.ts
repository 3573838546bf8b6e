import type { PriceBook } from '../types';
import { perThousandMinutes as m } from './item-helpers';

export const RTV_CNY: PriceBook = {
  id: 'rtv-cny',
  name: 'Real-time Voice (CNY)',
  provider: 'rtv',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  effectiveFrom: '2024-01-01',
  effectiveNote: 'seed 000 states no date; open-ended from the first month the console rates',
  sources: ['000'],
  items: [m('audio', 'High-quality audio only', '7.00', '000 · Service pricing')],
  // 000 · Notes · Precision: cumulative seconds within a billing cycle (the month) become minutes.
  rounding: { period: 'month' },
  media: { kind: 'played-audio', audioItem: 'audio', source: '000 · Usage statistics' },
  monthly: {},
  coverage: {
    source: '000 · Billing method (Universal Packages) and 002 · 预付费套餐包 (audio 1:1)',
    package: { audio: '1' },
    trial: { audio: '1' },
  },
};
