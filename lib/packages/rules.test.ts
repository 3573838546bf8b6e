import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { resolveOffer } from './catalog';
import {
  describeExpiry,
  expiryInstant,
  nextPeriod,
  purchaseEligibility,
  renewalDecision,
  validityFor,
  type PackageFacts,
} from './rules';
import { freeMinuteCycle, nextFreeMinuteGrantDate } from './free-minutes';

const offer = (code: string, minutes?: number) => {
  const o = resolveOffer(code, minutes);
  if (!o) throw new Error(`no offer ${code}`);
  return o;
};

let seq = 0;
function pkg(code: string, over: Partial<PackageFacts> = {}): PackageFacts {
  const o = offer(code);
  return {
    id: `p${++seq}`,
    product: o.product,
    edition: o.edition,
    catalogCode: code,
    kind: o.kind,
    status: 'active',
    source: 'purchase',
    price: o.price,
    minutes: new Decimal(o.minutes ?? 0),
    validFrom: '2024-10-01',
    validTo: '2024-10-31',
    anchorDay: 1,
    autoRenew: false,
    purchasedAt: new Date('2024-10-01T10:00:00+08:00'),
    ...over,
  };
}

describe('validity and next period (rating.md section 6)', () => {
  test.each([
    ['bought Mar 1 → through Mar 31', '2023-03-01', undefined, '2023-03-31', 1],
    ['bought Jan 31 → through Feb 27', '2024-01-31', undefined, '2024-02-28', 31],
    ['bought Jan 31 (non-leap) → through Feb 27', '2023-01-31', undefined, '2023-02-27', 31],
    ['renewed Feb 28 with anchor 31 → through Mar 30', '2023-02-28', 31, '2023-03-30', 31],
    ['bought Dec 15 → through Jan 14 next year', '2024-12-15', undefined, '2025-01-14', 15],
  ])('%s', (_label, start, anchor, validTo, anchorDay) => {
    const v = validityFor({ validity: 'monthly' }, start, anchor);
    expect(v).toEqual({ validFrom: start, validTo, anchorDay });
  });

  test.each([
    ['Jan 31 → Feb 28 (anchor 31, 2023)', { validFrom: '2023-01-31', validTo: '2023-02-27', anchorDay: 31 }, '2023-02-28', '2023-03-30'],
    ['Feb 28 → Mar 31 (anchor kept)', { validFrom: '2023-02-28', validTo: '2023-03-30', anchorDay: 31 }, '2023-03-31', '2023-04-29'],
    ['Mar 1 → Apr 1 (the seed example renews on Apr 1, not Apr 2)', { validFrom: '2023-03-01', validTo: '2023-03-31', anchorDay: 1 }, '2023-04-01', '2023-04-30'],
    ['anchor missing: taken from validFrom', { validFrom: '2024-10-15', validTo: '2024-11-14', anchorDay: null }, '2024-11-15', '2024-12-14'],
  ])('next period: %s', (_label, p, validFrom, validTo) => {
    const n = nextPeriod(p);
    expect(n.validFrom).toBe(validFrom);
    expect(n.validTo).toBe(validTo);
  });

  test('free trials last their days; universal packages to the last day of the same month next year', () => {
    expect(validityFor({ validity: 'trial', trialDays: 7 }, '2024-10-30')).toEqual({ validFrom: '2024-10-30', validTo: '2024-11-05', anchorDay: null });
    expect(validityFor({ validity: 'universal' }, '2020-05-01')).toEqual({ validFrom: '2020-05-01', validTo: '2021-05-31', anchorDay: null });
  });

  test('expiry is 00:00 Asia/Shanghai of the day after validTo', () => {
    expect(expiryInstant({ validTo: '2024-10-31' }).toISOString()).toBe('2024-10-31T16:00:00.000Z');
  });
});

describe('purchase eligibility (lifecycle.md, Packages)', () => {
  const base = { accountCurrency: 'USD' as const, appPackages: [] as PackageFacts[], accountPackages: [] as PackageFacts[] };
  test.each<[string, Partial<typeof base> & { code: string; currency?: 'USD' | 'CNY' }, { ok: boolean; placement?: string; code?: string }]>([
    ['first package of the product: active', { code: 'rtc-engine.lite' }, { ok: true, placement: 'active' }],
    ['same edition while one is active: queued', { code: 'rtc-engine.lite', appPackages: [pkg('rtc-engine.lite')] }, { ok: true, placement: 'queued' }],
    ['a second one queued: refused', { code: 'rtc-engine.lite', appPackages: [pkg('rtc-engine.lite'), pkg('rtc-engine.lite', { status: 'queued' })] }, { ok: false, code: 'queue_full' }],
    ['upgrade mid-term: refused', { code: 'rtc-engine.pro', appPackages: [pkg('rtc-engine.standard')] }, { ok: false, code: 'upgrade_mid_term' }],
    ['downgrade mid-term: refused', { code: 'rtc-engine.lite', appPackages: [pkg('rtc-engine.standard')] }, { ok: false, code: 'change_mid_term' }],
    ['another product of the same app: active', { code: 'call.1v1', appPackages: [pkg('rtc-engine.standard')] }, { ok: true, placement: 'active' }],
    ['expired and void packages do not block', { code: 'rtc-engine.pro', appPackages: [pkg('rtc-engine.lite', { status: 'expired' }), pkg('rtc-engine.lite', { status: 'void' })] }, { ok: true, placement: 'active' }],
    ['Starter for a new account', { code: 'rtc-engine.starter' }, { ok: true, placement: 'active' }],
    ['Starter after an official edition: refused', { code: 'rtc-engine.starter', accountPackages: [pkg('rtc-engine.lite', { status: 'expired' })] }, { ok: false, code: 'starter_after_official' }],
    ['Starter after a refunded official edition: allowed', { code: 'rtc-engine.starter', accountPackages: [pkg('rtc-engine.lite', { status: 'void' })] }, { ok: true, placement: 'active' }],
    ['Starter after another product: allowed', { code: 'rtc-engine.starter', accountPackages: [pkg('call.1v1')] }, { ok: true, placement: 'active' }],
    ['Starter a third time', { code: 'rtc-engine.starter', accountPackages: [pkg('rtc-engine.starter', { status: 'expired' }), pkg('rtc-engine.starter', { status: 'expired', source: 'renewal' })] }, { ok: true, placement: 'active' }],
    ['Starter a fourth time: refused', { code: 'rtc-engine.starter', accountPackages: [1, 2, 3].map(() => pkg('rtc-engine.starter', { status: 'expired' })) }, { ok: false, code: 'starter_limit' }],
    ['Conference Starter a fourth time: refused', { code: 'conference.starter', accountPackages: [1, 2, 3].map(() => pkg('conference.starter', { status: 'expired' })) }, { ok: false, code: 'starter_limit' }],
    ['CNY package on a USD account: refused', { code: 'universal.25k' }, { ok: false, code: 'wrong_currency' }],
    ['universal packages stack', { code: 'universal.25k', currency: 'CNY', appPackages: [pkg('universal.25k')] }, { ok: true, placement: 'active' }],
    ['trial for an app without a package', { code: 'call.trial' }, { ok: true, placement: 'active' }],
    ['trial a second time: refused', { code: 'call.trial', appPackages: [pkg('call.trial', { status: 'expired' })] }, { ok: false, code: 'trial_used' }],
    ['trial with a package: refused', { code: 'call.trial', appPackages: [pkg('call.1v1')] }, { ok: false, code: 'trial_with_package' }],
    ['paid package during a trial: queued behind it', { code: 'call.1v1', appPackages: [pkg('call.trial')] }, { ok: true, placement: 'queued' }],
  ])('%s', (_label, input, expected) => {
    const d = purchaseEligibility({ ...base, ...input, accountCurrency: input.currency ?? 'USD', offer: offer(input.code) });
    expect(d.ok).toBe(expected.ok);
    if (d.ok) expect(d.placement).toBe(expected.placement);
    else expect(d.code).toBe(expected.code);
  });

  test('the upgrade refusal says why and what to do', () => {
    const d = purchaseEligibility({ ...base, offer: offer('rtc-engine.pro'), appPackages: [pkg('rtc-engine.standard', { validTo: '2024-10-31' })] });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toBe(
      'Upgrading mid-term is not possible: this application is on RTC-Engine Standard (valid through 2024-10-31). One edition per application at a time; turn auto-renewal off and buy RTC-Engine Pro after it expires, or submit a ticket to change it now.',
    );
  });

  test('custom universal sizes are priced by the tier table (seed 002 · 自定义套餐包)', () => {
    expect(offer('universal.custom', 30_000).price.toFixed(2)).toBe('201.60');
    expect(offer('universal.custom', 10_000).price.toFixed(2)).toBe('70.00');
    expect(resolveOffer('universal.custom', 1500)).toBeNull();
    expect(resolveOffer('universal.custom', 0)).toBeNull();
  });
});

describe('renewal decision at expiry', () => {
  const lite = pkg('rtc-engine.lite', { autoRenew: true, validFrom: '2023-01-31', validTo: '2023-02-27', anchorDay: 31 });
  const common = { renewable: true, listPrice: new Decimal('49.5'), hasQueued: false, currency: 'USD' as const, starter: false, starterPurchases: 0 };
  test.each<[string, Parameters<typeof renewalDecision>[0], string]>([
    ['auto-renew on, balance pays → renew', { ...common, pkg: lite, balance: new Decimal('49.5') }, 'renew'],
    ['auto-renew on, balance short by a cent → renewal_failed', { ...common, pkg: lite, balance: new Decimal('49.49') }, 'renewal_failed'],
    ['auto-renew off → expire', { ...common, pkg: { ...lite, autoRenew: false }, balance: new Decimal(100) }, 'expire'],
    ['queued behind → activate_queued, no charge', { ...common, pkg: lite, hasQueued: true, balance: new Decimal(100) }, 'activate_queued'],
    ['trial → expire', { ...common, renewable: false, pkg: { ...lite, kind: 'trial' }, balance: new Decimal(100) }, 'expire'],
    ['Starter a fourth period → expire', { ...common, starter: true, starterPurchases: 3, pkg: lite, balance: new Decimal(100) }, 'expire'],
  ])('%s', (_label, input, action) => {
    expect(renewalDecision(input).action).toBe(action);
  });

  test('renewal keeps the anchor: Feb 27 expiry renews Feb 28 → Mar 30', () => {
    const d = renewalDecision({ ...common, pkg: lite, balance: new Decimal(100) });
    expect(d.action === 'renew' && d.period).toMatchObject({ validFrom: '2023-02-28', validTo: '2023-03-30', anchorDay: 31 });
  });
});

describe('describeExpiry', () => {
  const lite = pkg('rtc-engine.lite', { autoRenew: true, validTo: '2024-10-31', validFrom: '2024-10-01', anchorDay: 1 });
  test('auto-renewal with a short balance warns', () => {
    const r = describeExpiry({ pkg: lite, renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(10), currency: 'USD' });
    expect(r.text).toContain('Renews automatically at 2024-11-01 00:00 (UTC+8): $49.50 from the balance for 2024-11-01 to 2024-11-30');
    expect(r.warning).toContain('would not pay the renewal');
  });
  test('without auto-renewal an RTC-Engine package falls back to Free', () => {
    const r = describeExpiry({ pkg: { ...lite, autoRenew: false }, renewable: true, listPrice: new Decimal('49.5'), queued: null, balance: new Decimal(0), currency: 'USD' });
    expect(r.text).toBe('Expires at 2024-11-01 00:00 (UTC+8); then the application returns to the RTC-Engine Free edition (10,000 free minutes a month; suspended when they are used up).');
  });
  test('a queued package takes over', () => {
    const r = describeExpiry({ pkg: lite, renewable: true, listPrice: new Decimal('49.5'), queued: pkg('rtc-engine.lite'), balance: new Decimal(0), currency: 'USD' });
    expect(r.text).toContain('RTC-Engine Lite takes over');
  });
});

describe('monthly free minutes (seed 003 · Free Minutes)', () => {
  const at = (iso: string) => new Date(iso);
  test.each([
    ['registered Nov 15: Nov 15 → Dec 14', '2022-11-15T09:00:00+08:00', '2022-11-20T00:00:00+08:00', '2022-11-15', '2022-12-14'],
    ['registered Nov 15, now Dec 14 23:59 local', '2022-11-15T09:00:00+08:00', '2022-12-14T23:59:00+08:00', '2022-11-15', '2022-12-14'],
    ['registered Nov 15, now Dec 15 00:00 local', '2022-11-15T09:00:00+08:00', '2022-12-15T00:00:00+08:00', '2022-12-15', '2023-01-14'],
    ['anchor 31 in February', '2023-01-31T09:00:00+08:00', '2023-02-28T12:00:00+08:00', '2023-02-28', '2023-03-30'],
    ['anchor 31 on Mar 30', '2023-01-31T09:00:00+08:00', '2023-03-30T12:00:00+08:00', '2023-02-28', '2023-03-30'],
    ['anchor 31 on Mar 31', '2023-01-31T09:00:00+08:00', '2023-03-31T12:00:00+08:00', '2023-03-31', '2023-04-29'],
    ['registration day in UTC is the day before local', '2024-09-30T17:00:00Z', '2024-10-05T00:00:00+08:00', '2024-10-01', '2024-10-31'],
  ])('%s', (_label, registered, now, validFrom, validTo) => {
    const c = freeMinuteCycle(at(registered), at(now));
    expect([c.validFrom, c.validTo]).toEqual([validFrom, validTo]);
  });

  test('next grant is 00:00 local of the day after the cycle', () => {
    expect(nextFreeMinuteGrantDate(at('2022-11-15T09:00:00+08:00'), at('2022-11-20T00:00:00+08:00')).toISOString()).toBe('2022-12-14T16:00:00.000Z');
  });
});
