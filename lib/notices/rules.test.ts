import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { buildNotice } from './catalogue';
import { planNoticeJobs, type NoticeMomentFacts } from './moments';
import { FREE_MINUTE_LEVELS, PACKAGE_LEVELS, balanceAlertChange, balanceReminderMoments, expiringNoticeDue, levelCrossed, reclamationWarningMoments, suspensionWarningInstant } from './rules';

const d = (v: string) => new Decimal(v);

describe('levelCrossed: the highest level reached by this settlement', () => {
  test.each([
    ['below 80 %', '0', '799.99', null],
    ['exactly 80 %', '0', '800', 80],
    ['80 % already reached before', '800', '900', null],
    ['80 → 95 %', '850', '950', 95],
    ['a jump from 50 % to 100 % says used up only', '500', '1000', 100],
    ['over 100 %', '990', '1200', 100],
    ['past 100 % before', '1000', '1100', null],
  ])('package of 1,000 minutes: %s', (_l, before, after, expected) => {
    expect(levelCrossed(PACKAGE_LEVELS, d('1000'), d(before), d(after))).toBe(expected);
  });
  test.each([
    ['free minutes 80 %', '7999', '8000', 80],
    ['free minutes 95 % is not a level', '8000', '9500', null],
    ['free minutes used up', '9000', '10000', 100],
  ])('%s', (_l, before, after, expected) => expect(levelCrossed(FREE_MINUTE_LEVELS, d('10000'), d(before), d(after))).toBe(expected));
  test('a package without minutes has no levels', () => expect(levelCrossed(PACKAGE_LEVELS, d('0'), d('0'), d('5'))).toBeNull());
});

describe('expiringNoticeDue (lifecycle.md, Notices: package.expiring)', () => {
  test.each([
    ['auto-renewal off, 7 days', 7, false, '0', true],
    ['auto-renewal off, 3 days', 3, false, '0', false],
    ['auto-renewal off, 1 day', 1, false, '1000', true],
    ['on, enough balance, 7 days', 7, true, '49.50', false],
    ['on, enough balance, 3 days', 3, true, '100', false],
    ['on, enough balance, 1 day', 1, true, '49.50', false],
    ['on, too little balance, 7 days', 7, true, '49.49', false],
    ['on, too little balance, 3 days', 3, true, '49.49', true],
    ['on, too little balance, 1 day', 1, true, '0', true],
  ])('%s', (_l, daysBefore, renews, balance, expected) => {
    expect(expiringNoticeDue({ daysBefore, renews, balance: d(balance), renewalPrice: d('49.50') })).toBe(expected);
  });
});

describe('balanceAlertChange', () => {
  const since = new Date('2024-10-05T00:00:00Z');
  test.each([
    ['no threshold: nothing', null, null, '-5', null],
    ['crossing below', '50', null, '49.99', 'crossed'],
    ['at the threshold is not below', '50', null, '50', null],
    ['still below: nothing new', '50', since, '10', null],
    ['back at or above: recovered', '50', since, '50', 'recovered'],
    ['a negative threshold', '-20.5', null, '-20.51', 'crossed'],
    ['threshold removed while below: recovered', null, since, '10', 'recovered'],
  ])('%s', (_l, threshold, belowSince, balance, expected) => {
    expect(balanceAlertChange(threshold === null ? null : d(threshold), belowSince as Date | null, d(balance))).toBe(expected);
  });
  test('reminders once a day for at most 5 days in all (day 1 is the crossing)', () => {
    expect(balanceReminderMoments(since).map((m) => [m.day, m.at.toISOString()])).toEqual([
      [2, '2024-10-06T00:00:00.000Z'],
      [3, '2024-10-07T00:00:00.000Z'],
      [4, '2024-10-08T00:00:00.000Z'],
      [5, '2024-10-09T00:00:00.000Z'],
    ]);
  });
});

describe('account moments', () => {
  test('suspension warning at O+20h; reclamation warnings at S+30d, S+53d, S+59d', () => {
    expect(suspensionWarningInstant(new Date('2024-10-05T05:47:00Z')).toISOString()).toBe('2024-10-06T01:47:00.000Z');
    expect(reclamationWarningMoments(new Date('2024-10-06T00:00:00Z')).map((m) => [m.daysLeft, m.at.toISOString()])).toEqual([
      [30, '2024-11-05T00:00:00.000Z'],
      [7, '2024-11-28T00:00:00.000Z'],
      [1, '2024-12-04T00:00:00.000Z'],
    ]);
  });
});

describe('planNoticeJobs: which timed notices the state implies', () => {
  const base: NoticeMomentFacts = { accountId: 'a', status: 'active', suspensionReason: null, overdueSince: null, suspendedAt: null, belowThresholdSince: null, activePackages: [] };
  const keys = (f: Partial<NoticeMomentFacts>, until: string) => planNoticeJobs({ ...base, ...f }, new Date(until)).map((j) => `${j.key.replace('notice:a:', '')} @ ${j.runAt.toISOString()}`);
  test('overdue: the warning only once O+20h has come', () => {
    const overdueSince = new Date('2024-10-05T05:47:00Z');
    expect(keys({ status: 'overdue', overdueSince }, '2024-10-06T01:46:59Z')).toEqual([]);
    expect(keys({ status: 'overdue', overdueSince }, '2024-10-06T01:47:00Z')).toEqual([`account.suspension_warning:${overdueSince.toISOString()} @ 2024-10-06T01:47:00.000Z`]);
    // Active again: nothing.
    expect(keys({ overdueSince: null }, '2025-01-01T00:00:00Z')).toEqual([]);
  });
  test('suspended for a violation: no reclamation warnings; for arrears: three', () => {
    const suspendedAt = new Date('2024-10-06T00:00:00Z');
    expect(keys({ status: 'suspended', suspensionReason: 'violation', suspendedAt }, '2025-06-01T00:00:00Z')).toEqual([]);
    expect(keys({ status: 'suspended', suspensionReason: 'arrears', suspendedAt }, '2025-06-01T00:00:00Z')).toHaveLength(3);
  });
  test('a package: 7, 3 and 1 days before the expiry instant, none before it began; a reclaimed account: nothing', () => {
    const p = { id: 'p1', validFrom: '2024-10-05', validTo: '2024-11-04' };
    expect(keys({ activePackages: [p] }, '2024-11-05T00:00:00Z')).toEqual([
      'package.expiring:p1:2024-11-04:7 @ 2024-10-28T16:00:00.000Z',
      'package.expiring:p1:2024-11-04:3 @ 2024-11-01T16:00:00.000Z',
      'package.expiring:p1:2024-11-04:1 @ 2024-11-03T16:00:00.000Z',
    ]);
    expect(keys({ activePackages: [{ id: 'p2', validFrom: '2024-11-03', validTo: '2024-11-04' }] }, '2024-11-05T00:00:00Z').map((k) => k.split(' ')[0])).toEqual(['package.expiring:p2:2024-11-04:1']);
    expect(keys({ status: 'reclaimed', activePackages: [p] }, '2025-01-01T00:00:00Z')).toEqual([]);
  });
});

describe('catalogue: text and link from the facts', () => {
  test('package expiring with auto-renewal on and too little balance points to the balance page', () => {
    const t = buildNotice('package.expiring', {
      packageId: 'p', packageName: 'Lite', appLabel: 'Demo (SDKAppID 1400000001)', currency: 'USD', validTo: '2024-11-04', expiresAt: '2024-11-04T16:00:00.000Z',
      daysBefore: 3, autoRenew: true, renewalPrice: '49.50', balance: '10.00',
    });
    expect(t).toEqual({
      title: 'Lite expires in 3 days',
      body: 'Lite for Demo (SDKAppID 1400000001) renews automatically at 2024-11-05 00:00 (UTC+8) for $49.50, but your balance is $10.00. Top up before then, or the package expires without renewal.',
      link: '/balance',
    });
  });
  test('a monthly bill links to the bill', () => {
    expect(buildNotice('bill.monthly', { billId: 'b1', billNumber: 'B000007', month: '2024-10', currency: 'CNY', total: '1234.5' })).toEqual({ title: 'Your bill for 2024-10 is ready', body: 'Bill B000007 for 2024-10: ¥1,234.50.', link: '/bills/b1' });
  });
});
