import { describe, expect, test } from 'vitest';
import { calculatePrice } from './calculator';
import { getPackageCatalog, priceUniversalPackage } from './packages';

describe('package catalog (lifecycle.md)', () => {
  test('USD editions with price and package minutes per month', () => {
    const rows = getPackageCatalog('USD').map((p) => [p.product, p.edition, p.price, p.packageMinutes]);
    expect(rows).toEqual([
      ['RTC-Engine', 'Free', '0', null],
      ['RTC-Engine', 'Starter', '9.9', 50_000],
      ['RTC-Engine', 'Lite', '49.5', 50_000],
      ['RTC-Engine', 'Standard', '499', 500_000],
      ['RTC-Engine', 'Pro', '1499', 1_500_000],
      ['Call', 'Free Trial (7 days)', '0', null],
      ['Call', '1-to-1 Call', '199', 100_000],
      ['Call', 'Group Call', '597', 300_000],
      ['Conference', 'Free Trial (14 days)', '0', null],
      ['Conference', 'Starter', '39.9', 50_000],
      ['Conference', 'Lite', '299', 100_000],
      ['Conference', 'Standard', '599', 300_000],
      ['Conference', 'Pro', '899', 450_000],
      ['Live', 'Free Trial (14 days)', '0', null],
      ['Live', 'Lite', '299', 100_000],
      ['Live', 'Standard', '599', 300_000],
      ['Live', 'Pro', '899', 450_000],
      ['Monitoring', 'Standard', '4999', null],
      ['Monitoring', 'Premium', '8999', null],
    ]);
  });

  test('starter editions are limited to three purchases', () => {
    expect(getPackageCatalog('USD').filter((p) => p.starter).map((p) => [p.id, p.starter?.maxPurchasesPerAccount])).toEqual([
      ['rtc-engine.starter', 3],
      ['conference.starter', 3],
    ]);
  });

  test('CNY: the fixed universal packages and the free trial', () => {
    expect(getPackageCatalog('CNY').map((p) => [p.id, p.price, p.packageMinutes, p.validity])).toEqual([
      ['universal.25k', '168.00', 25_000, 'universal'],
      ['universal.250k', '1588.00', 250_000, 'universal'],
      ['universal.1000k', '5968.00', 1_000_000, 'universal'],
      ['universal.3000k', '16888.00', 3_000_000, 'universal'],
      ['universal.trial', '0', 10_000, 'universal'],
    ]);
  });
});

describe('universal package pricing (002 · 预付费套餐包)', () => {
  test.each([
    ['1 thousand (X < 25) at 7.000', 1000, '7.00', '0.00700000', false],
    ['24 thousand', 24_000, '168.00', '0.00700000', false],
    ['25 thousand fixed', 25_000, '168.00', '0.00672000', true],
    ['26 thousand at 6.720', 26_000, '174.72', '0.00672000', false],
    ['250 thousand fixed', 250_000, '1588.00', '0.00635200', true],
    ['251 thousand at 6.352', 251_000, '1594.35', '0.00635200', false],
    ['1,000 thousand fixed', 1_000_000, '5968.00', '0.00596800', true],
    ['2,999 thousand at 5.968', 2_999_000, '17898.03', '0.00596800', false],
    ['3,000 thousand fixed', 3_000_000, '16888.00', '0.00562933', true],
    ['4,000 thousand at 0.00562933 a minute (shown as 5.630)', 4_000_000, '22517.32', '0.00562933', false],
  ])('%s', (_, minutes, price, perMinute, fixed) => {
    expect(priceUniversalPackage(minutes)).toMatchObject({ price, perMinute, fixed });
  });

  test('sizes must be whole thousands', () => {
    expect(() => priceUniversalPackage(1500)).toThrow('thousand minutes');
    expect(() => priceUniversalPackage(0)).toThrow();
  });
});

describe('price calculator', () => {
  test('cost per item and total without a package', () => {
    const r = calculatePrice({ bookId: 'trtc-2024-usd', minutesByItem: { hd: 60, '2k': 240, audio: 60 } });
    expect(r.items.map((i) => [i.item, i.cost])).toEqual([['audio', '0.0594'], ['hd', '0.2394'], ['2k', '3.8376']]);
    expect([r.amount, r.total, r.withPackage]).toEqual(['4.1364', '4.14', null]);
  });

  test('with a catalog package: minutes covered at the package ratios, audio first', () => {
    const r = calculatePrice({ bookId: 'trtc-2024-usd', minutesByItem: { hd: 60_000, audio: 10_000, 'recording.hd': 1000 }, package: { catalogId: 'rtc-engine.lite' } });
    expect(r.items.map((i) => [i.item, i.covered, i.packageMinutes, i.costWithPackage])).toEqual([
      ['audio', '10000', '10000', '0'],
      ['hd', '10000', '40000', '199.5'],
      ['recording.hd', '0', '0', '5.99'],
    ]);
    expect(r.withPackage).toEqual({ name: 'RTC-Engine Lite', packageMinutes: '50000', packageMinutesUsed: '50000', packagePrice: '49.5', usageAmount: '205.49', total: '254.99' });
  });

  test('with a custom universal package on the 2022 book', () => {
    const quote = priceUniversalPackage(26_000);
    const r = calculatePrice({ bookId: 'trtc-2022-cny', minutesByItem: { sd: 10_000 }, package: { minutes: quote.minutes, price: quote.price } });
    expect(r.items[0]).toMatchObject({ cost: '140', covered: '10000', packageMinutes: '20000', costWithPackage: '0' });
    expect(r.withPackage?.total).toBe('174.72');
  });

  test('refuses unknown items and packages of another currency', () => {
    expect(() => calculatePrice({ bookId: 'trtc-2024-usd', minutesByItem: { sd: 1 } })).toThrow('has no item sd');
    expect(() => calculatePrice({ bookId: 'trtc-2022-cny', minutesByItem: { sd: 1 }, package: { catalogId: 'rtc-engine.pro' } })).toThrow('sold in USD');
  });
});
