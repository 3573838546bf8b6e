import { describe, expect, test } from 'vitest';
import { comparePrices, paygItemsSum, quantitiesFromUsage } from './compare';

describe('price comparison: pay-as-you-go against each package edition', () => {
  test('60,000 HD minutes (trtc-2024-usd): Starter is cheapest', () => {
    const c = comparePrices('trtc-2024-usd', { hd: '60000' });
    expect(c.payg).toEqual({ amount: '239.4', total: '239.40' });
    const byId = Object.fromEntries(c.options.map((o) => [o.catalogId, o]));
    // Starter: 50,000 package minutes at HD 1:4 cover 12,500 minutes; 47,500 x 3.99 / 1,000 = 189.525, + 9.9.
    expect(byId['rtc-engine.starter']).toMatchObject({ packageMinutesUsed: '50000', usageAmount: '189.525', total: '199.43' });
    expect(byId['rtc-engine.lite']?.total).toBe('239.03');
    expect(byId['rtc-engine.standard']).toMatchObject({ packageMinutesUsed: '240000', usageAmount: '0', total: '499.00' });
    expect(c.cheapest).toEqual({ kind: 'package', catalogId: 'rtc-engine.starter', saving: '39.97' });
    expect(c.options[0]?.catalogId).toBe('rtc-engine.starter');
    expect(paygItemsSum(c)).toBe('239.4');
  });

  test('small usage: pay-as-you-go is cheapest', () => {
    const c = comparePrices('trtc-2024-usd', { audio: '1000' });
    expect(c.payg.total).toBe('0.99');
    expect(c.cheapest).toEqual({ kind: 'payg' });
  });

  test('items a package does not cover are flagged', () => {
    const c = comparePrices('trtc-2024-usd', { 'recording.hd': '10000' });
    expect(c.options.every((o) => o.coversNothing)).toBe(true);
    expect(c.cheapest).toEqual({ kind: 'payg' });
  });

  test('CNY books compare the 2022 universal packages', () => {
    const c = comparePrices('trtc-2022-cny', { hd: '100000' });
    expect(c.currency).toBe('CNY');
    expect(c.options.map((o) => o.catalogId)).toContain('universal.25k');
  });

  test('zero quantities are ignored', () => {
    expect(comparePrices('trtc-2024-usd', { hd: '0', audio: '0' }).items).toEqual([]);
  });
});

describe("quantities from a month's statistics", () => {
  const row = (sdkAppId: number, localDay: string, item: string, seconds: number, extra: { quantity?: number; peakKbps?: string } = {}) => ({ sdkAppId, localDay, item, seconds, quantity: extra.quantity ?? 0, peakKbps: extra.peakKbps ?? '0' });
  test('minutes rounded up per app per day; screenshots after the free 10,000 in thousands; relay peak in Mbps', () => {
    const q = quantitiesFromUsage('trtc-2024-usd', [
      row(1, '2024-10-01', 'hd', 61),
      row(2, '2024-10-01', 'hd', 1),
      row(1, '2024-10-02', 'hd', 60),
      row(1, '2024-10-01', 'screenshot', 0, { quantity: 21_500 }),
      row(1, '2024-10-01', 'relay.third-party', 0, { peakKbps: '1500' }),
      row(2, '2024-10-01', 'relay.third-party', 0, { peakKbps: '700' }),
      row(1, '2024-10-01', 'relay.tencent', 0, { peakKbps: '90000' }),
    ]);
    expect(q).toEqual({ hd: '4', screenshot: '12', 'relay.third-party': '2.2' });
  });
});
