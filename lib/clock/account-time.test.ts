import { describe, expect, test } from 'vitest';
import { earliestClockStart, resolveAccountTime } from './account-time';

const REAL = new Date('2026-12-02T10:00:00+08:00');
const AHEAD = new Date('2030-03-01T00:00:00+08:00');
const BEHIND = new Date('2024-10-08T00:00:00+08:00');
const REG = new Date('2024-10-01T00:00:00+08:00');

describe('account time never moves back (lifecycle.md, Time)', () => {
  test.each<[string, { clock: Date | null; mark: Date | null }, Date]>([
    ['a clock attached: its time', { clock: BEHIND, mark: AHEAD }, BEHIND],
    ['no clock, never had one: real time', { clock: null, mark: null }, REAL],
    ['detached from a clock ahead of real time: held at the clock time', { clock: null, mark: AHEAD }, AHEAD],
    ['detached from a clock behind real time: real time', { clock: null, mark: BEHIND }, REAL],
  ])('%s', (_label, state, expected) => {
    expect(resolveAccountTime(state, REAL).toISOString()).toBe(expected.toISOString());
  });

  test.each<[string, Date | null, Date, string]>([
    ['never had a clock: from registration', null, REG, 'registration'],
    ['had a clock ahead: from its time', AHEAD, AHEAD, 'latest-time'],
    ['had a clock behind real time: from real time', BEHIND, REAL, 'latest-time'],
  ])('earliest start, %s', (_label, mark, at, reason) => {
    expect(earliestClockStart({ registeredAt: REG, mark, real: REAL })).toEqual({ at, reason });
  });
});
