import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { shouldReclaim, shouldSuspendForArrears } from './timing';

const since = new Date('2024-10-05T13:47:00+08:00');
const overdue = { status: 'overdue' as const, suspensionReason: null, overdueSince: since, suspendedAt: null, balance: new Decimal('-1.5') };

describe('suspension for arrears (seed 003: 24 hours of recharge time)', () => {
  test.each([
    ['23 h 59 m 59 s after the overdue instant: still serving', overdue, '2024-10-06T13:46:59+08:00', false],
    ['exactly 24 h after: suspended', overdue, '2024-10-06T13:47:00+08:00', true],
    ['the end of the overdue day is not the deadline', overdue, '2024-10-06T00:00:00+08:00', false],
    ['topped up meanwhile (active)', { ...overdue, status: 'active' as const, overdueSince: null }, '2024-10-07T00:00:00+08:00', false],
    ['a later overdue episode', { ...overdue, overdueSince: new Date('2024-10-06T10:00:00+08:00') }, '2024-10-07T00:00:00+08:00', false],
    ['balance back to zero but still marked overdue', { ...overdue, balance: new Decimal(0) }, '2024-10-07T00:00:00+08:00', false],
  ])('%s', (_l, account, now, expected) => {
    expect(shouldSuspendForArrears(account, since, new Date(now)).suspend).toBe(expected);
  });
});

describe('reclamation (lifecycle.md: suspended for arrears more than 60 days)', () => {
  const at = new Date('2024-10-06T00:00:00+08:00');
  const suspended = { status: 'suspended' as const, suspensionReason: 'arrears' as const, overdueSince: null, suspendedAt: at, balance: new Decimal(-2) };
  test.each([
    ['exactly 60 days: not yet', suspended, '2024-12-05T00:00:00+08:00', false],
    ['60 days and a second', suspended, '2024-12-05T00:00:01+08:00', true],
    ['suspended for a violation: never', { ...suspended, suspensionReason: 'violation' as const }, '2025-12-05T00:00:00+08:00', false],
    ['lifted meanwhile', { ...suspended, status: 'active' as const }, '2025-01-01T00:00:00+08:00', false],
  ])('%s', (_l, account, now, expected) => {
    expect(shouldReclaim(account, at, new Date(now)).reclaim).toBe(expected);
  });
});
