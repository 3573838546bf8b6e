import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { statusAfterBalanceChange, type AccountStatusState } from './rules';

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
