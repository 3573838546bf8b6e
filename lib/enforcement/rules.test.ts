import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { statusAfterBalanceChange, usageRefusalOf, type AccountStatusState } from './rules';

const at = new Date('2024-10-09T00:00:00Z');
const state = (s: Partial<AccountStatusState>): AccountStatusState => ({ status: 'active', suspensionReason: null, overdueSince: null, ...s });

describe('statusAfterBalanceChange', () => {
  test.each([
    ['active, balance negative → overdue', state({}), '-0.01', 'overdue'],
    ['active, balance zero → unchanged', state({}), '0', null],
    ['overdue, topped up to zero → active', state({ status: 'overdue', overdueSince: at }), '0', 'active'],
    ['overdue, still negative → unchanged', state({ status: 'overdue', overdueSince: at }), '-5', null],
    ['suspended for arrears, topped up → active', state({ status: 'suspended', suspensionReason: 'arrears' }), '1', 'active'],
    ['suspended for violation, topped up → unchanged', state({ status: 'suspended', suspensionReason: 'violation' }), '100', null],
    ['reclaimed → never changes', state({ status: 'reclaimed' }), '100', null],
  ])('%s', (_label, current, balance, expected) => {
    const change = statusAfterBalanceChange(current, new Decimal(balance), at);
    expect(change?.status ?? null).toBe(expected);
  });

  test('overdue records the moment it began', () => {
    expect(statusAfterBalanceChange(state({}), new Decimal(-1), at)?.overdueSince).toEqual(at);
  });
});

describe('usageRefusalOf (lifecycle.md, Account and Packages)', () => {
  const app = { status: 'active' as const, suspensionReason: null, enabled: true, freeExhaustedAt: null };
  test.each([
    ['active, enabled: accepted', app, null],
    ['overdue still serves', { ...app, status: 'overdue' as const }, null],
    ['suspended for arrears', { ...app, status: 'suspended' as const, suspensionReason: 'arrears' as const }, 'suspended-arrears'],
    ['suspended for a violation', { ...app, status: 'suspended' as const, suspensionReason: 'violation' as const }, 'suspended-violation'],
    ['reclaimed, before anything about the application', { ...app, status: 'reclaimed' as const, enabled: false }, 'reclaimed'],
    ['the account before the application', { ...app, status: 'suspended' as const, suspensionReason: 'arrears' as const, enabled: false }, 'suspended-arrears'],
    ['disabled by hand', { ...app, enabled: false }, 'application-disabled'],
    ['Free edition used up', { ...app, freeExhaustedAt: at }, 'free-minutes-exhausted'],
  ])('%s', (_label, s, expected) => {
    expect(usageRefusalOf(s)).toBe(expected);
  });
});
