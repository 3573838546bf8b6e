import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { resolveOffer } from '@/lib/packages/catalog';
import { describeExpiry, type PackageFacts } from '@/lib/packages/rules';
import { refundEligibility } from '@/lib/refunds/rules';
import { translatorFor } from '@/lib/i18n/translator';
import { expiryText } from './expiry-text';
import type { PackagesT } from '@/lib/packages/names';
import { refundCheckDetail, refundCheckLabel } from '@/components/refunds/refund-check-text';

const en = translatorFor('en', 'packages') as unknown as PackagesT;
const zh = translatorFor('zh', 'packages') as unknown as PackagesT;

function pkg(code: string, over: Partial<PackageFacts> = {}): PackageFacts {
  const o = resolveOffer(code)!;
  return {
    id: code, product: o.product, edition: o.edition, catalogCode: code, kind: o.kind, status: 'active', source: 'purchase', price: o.price,
    minutes: new Decimal(o.minutes ?? 0), validFrom: '2024-10-01', validTo: '2024-10-31', anchorDay: 1, autoRenew: false, ...over,
  } as PackageFacts;
}

describe('expiry sentence in both languages (issue 14 item 4)', () => {
  const cases: [string, Parameters<typeof describeExpiry>[0]][] = [
    ['renews, balance short', { pkg: pkg('rtc-engine.lite', { autoRenew: true }), renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(10), currency: 'USD' }],
    ['renews', { pkg: pkg('rtc-engine.lite', { autoRenew: true }), renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(100), currency: 'USD' }],
    ['expires to Free', { pkg: pkg('rtc-engine.lite'), renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(0), currency: 'USD' }],
    ['call features', { pkg: pkg('call.1v1'), renewable: true, listPrice: new Decimal('199'), queued: null, balance: new Decimal(0), currency: 'USD' }],
    ['universal', { pkg: pkg('universal.25k'), renewable: false, listPrice: new Decimal('168'), queued: null, balance: new Decimal(0), currency: 'CNY' }],
    ['queued behind', { pkg: pkg('rtc-engine.lite', { autoRenew: true }), renewable: true, listPrice: new Decimal('49.5'), queued: pkg('rtc-engine.lite'), balance: new Decimal(0), currency: 'USD' }],
    ['queued itself', { pkg: pkg('rtc-engine.lite', { status: 'queued' }), renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(0), currency: 'USD' }],
    ['expired', { pkg: pkg('rtc-engine.lite', { status: 'expired' }), renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(0), currency: 'USD' }],
    ['void', { pkg: pkg('rtc-engine.lite', { status: 'void' }), renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(0), currency: 'USD' }],
  ];
  test.each(cases)('%s: English word for word describeExpiry; Chinese differs', (_name, input) => {
    expect(expiryText(en, 'en', input)).toEqual(describeExpiry(input));
    const z = expiryText(zh, 'zh', input);
    expect(z.text).toMatch(/[\u4e00-\u9fff]/);
    expect(!!z.warning).toBe(!!describeExpiry(input).warning);
  });
});

describe('refund checks in both languages', () => {
  const base = {
    now: new Date('2024-10-03T10:00:00+08:00'),
    pkg: { status: 'active' as const, kind: 'package' as const, source: 'purchase' as const, price: new Decimal('49.5'), purchasedAt: new Date('2024-10-01T08:00:00+08:00'), minutesUsed: new Decimal(0) },
    unsettledUsageRecords: 0,
    account: { status: 'active' as const, suspensionReason: null },
    otherOpenRequest: false,
  };
  const variants = [
    base,
    { ...base, now: new Date('2024-10-09T10:00:00+08:00') },
    { ...base, pkg: { ...base.pkg, minutesUsed: new Decimal('1234.5') } },
    { ...base, unsettledUsageRecords: 1 },
    { ...base, unsettledUsageRecords: 3, unsettledThrough: { day: '2024-10-02', settlesAt: new Date('2024-10-03T01:00:00+08:00') } },
    { ...base, pkg: { ...base.pkg, status: 'void' as const, kind: 'trial' as const } },
    { ...base, pkg: { ...base.pkg, status: 'expired' as const } },
    { ...base, account: { status: 'suspended' as const, suspensionReason: 'violation' as const }, otherOpenRequest: true },
  ];
  test.each(variants.map((v, i) => [i, v] as const))('case %i: each check English word for word, Chinese otherwise', (_i, facts) => {
    for (const c of refundEligibility(facts).checks) {
      expect(refundCheckDetail(en, c)).toBe(c.detail);
      expect(refundCheckLabel(en, c)).toBe(c.label);
      expect(refundCheckDetail(zh, c)).toMatch(/[\u4e00-\u9fff]/);
      expect(refundCheckLabel(zh, c)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
