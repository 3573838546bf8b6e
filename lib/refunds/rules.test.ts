import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { checkoutRefundNote, pendingSettlementMessage, refundEligibility, refundLastMoment, type RefundFacts } from './rules';

const bought = new Date('2022-02-01T08:00:00+08:00');
const facts = (over: Partial<Omit<RefundFacts, 'pkg' | 'account'>> & { pkg?: Partial<RefundFacts['pkg']>; account?: Partial<RefundFacts['account']> } = {}): RefundFacts => ({
  now: over.now ?? new Date('2022-02-03T10:00:00+08:00'),
  pkg: { status: 'active', kind: 'package', source: 'purchase', price: new Decimal('49.5'), purchasedAt: bought, minutesUsed: new Decimal(0), ...over.pkg },
  unsettledUsageRecords: over.unsettledUsageRecords ?? 0,
  account: { status: 'active', suspensionReason: null, ...over.account },
  otherOpenRequest: over.otherOpenRequest ?? false,
  requestedAt: over.requestedAt ?? null,
});

describe('five-day refund eligibility (lifecycle.md; seed 002 · 退费示例)', () => {
  test('bought 2022-02-01 08:00:00 → last moment 2022-02-06 07:59:59', () => {
    expect(refundLastMoment(bought).toISOString()).toBe(new Date('2022-02-06T07:59:59+08:00').toISOString());
  });

  test.each<[string, Parameters<typeof facts>[0], boolean, string | null]>([
    ['unused, day 2: eligible', {}, true, null],
    ['at 2022-02-06 07:59:59: eligible', { now: new Date('2022-02-06T07:59:59+08:00') }, true, null],
    ['at 2022-02-06 07:59:59.999: eligible', { now: new Date('2022-02-06T07:59:59.999+08:00') }, true, null],
    ['at 2022-02-06 08:00:00: refused (a)', { now: new Date('2022-02-06T08:00:00+08:00') }, false, 'a'],
    ['used minutes: refused (b)', { pkg: { minutesUsed: new Decimal('0.25') } }, false, 'b'],
    ['unsettled usage since it started: refused (b)', { unsettledUsageRecords: 3 }, false, 'b'],
    ['a granted package: refused (c)', { pkg: { source: 'grant', price: new Decimal(0) } }, false, 'c'],
    ['a free trial: refused (c)', { pkg: { kind: 'trial', price: new Decimal(0) } }, false, 'c'],
    ['a renewal (charged) within 5 days: eligible', { pkg: { source: 'renewal' } }, true, null],
    ['suspended for a violation: refused (d)', { account: { status: 'suspended', suspensionReason: 'violation' } }, false, 'd'],
    ['suspended for arrears: still eligible', { account: { status: 'suspended', suspensionReason: 'arrears' } }, true, null],
    ['queued package: eligible', { pkg: { status: 'queued' } }, true, null],
    ['already refunded: refused', { pkg: { status: 'void' } }, false, 'state'],
    ['expired: refused', { pkg: { status: 'expired' } }, false, 'state'],
    ['another request open: refused', { otherOpenRequest: true }, false, 'open'],
    ['decided after the window, requested within it: (a) passes', { now: new Date('2022-02-09T10:00:00+08:00'), requestedAt: new Date('2022-02-05T10:00:00+08:00') }, true, null],
  ])('%s', (_label, input, eligible, failedId) => {
    const r = refundEligibility(facts(input));
    expect(r.eligible).toBe(eligible);
    expect(r.checks.find((c) => !c.passed)?.id ?? null).toBe(failedId);
    if (!eligible) expect(r.reason).toBeTruthy();
  });

  test('the refusal for a used package names the minutes', () => {
    const r = refundEligibility(facts({ pkg: { minutesUsed: new Decimal(1200) } }));
    expect(r.reason).toBe('(b) 1,200 of its minutes were already used; a used package cannot be refunded, whether used up or not.');
  });

  test('the window refusal names the last moment', () => {
    const r = refundEligibility(facts({ now: new Date('2022-02-07T00:00:00+08:00') }));
    expect(r.reason).toBe('(a) The 5 days ended at 2022-02-06 07:59:59 (UTC+8); it was bought 2022-02-01 08:00:00.');
  });
});

describe('decide after settlement and the checkout sentence (issue 10, item 7)', () => {
  const through = { day: '2022-02-03', settlesAt: new Date('2022-02-04T00:00:00+08:00') };
  test.each<[string, Parameters<typeof facts>[0], boolean]>([
    ['only unsettled usage: waits for the settlement', { unsettledUsageRecords: 2 }, true],
    ['unsettled usage and used minutes: refused, no waiting', { unsettledUsageRecords: 2, pkg: { minutesUsed: new Decimal(1) } }, false],
    ['unsettled usage and expired: refused, no waiting', { unsettledUsageRecords: 2, pkg: { status: 'expired' } }, false],
    ['unsettled usage and a violation: refused, no waiting', { unsettledUsageRecords: 2, account: { status: 'suspended', suspensionReason: 'violation' } }, false],
  ])('%s', (_label, input, waits) => {
    const r = refundEligibility({ ...facts(input), unsettledThrough: through });
    expect(r.eligible).toBe(false);
    expect(r.pendingSettlement).toEqual(waits ? through : null);
  });

  test('the message names the day and the settlement moment, or says it is overdue', () => {
    expect(pendingSettlementMessage(through, new Date('2022-02-03T20:00:00+08:00'))).toContain('Decide after its settlement at 2022-02-04 00:00:00 (UTC+8)');
    expect(pendingSettlementMessage(through, new Date('2022-02-04T08:00:00+08:00'))).toContain('Its settlement has been due since 2022-02-04 00:00:00 (UTC+8) and has not run yet');
  });

  test.each<[string, { kind: 'package' | 'trial'; paid: boolean }, RegExp]>([
    ['a free trial is not refundable (c)', { kind: 'trial', paid: false }, /^Nothing is paid\. Free trials are not refundable \(five-day refund rule \(c\)\)\.$/],
    ['a free offer is not refundable (c)', { kind: 'package', paid: false }, /not refundable/],
    ['a paid package is refundable within 5 days', { kind: 'package', paid: true }, /^Refundable within 5 days/],
  ])('checkout: %s', (_label, offer, expected) => {
    expect(checkoutRefundNote(offer)).toMatch(expected);
  });
});
