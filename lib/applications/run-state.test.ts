import { describe, expect, it } from 'vitest';
import { applicationRunState, describeRunStates } from './rules';

describe('applicationRunState (overview counted a suspended application as enabled, issue 14 item 8)', () => {
  const app = { enabled: true, edition: 'free', freeExhaustedAt: null as Date | null };
  it('a Free application without free minutes is suspended, not running', () => {
    expect(applicationRunState({ ...app, freeExhaustedAt: new Date() }, false)).toBe('free_exhausted');
    expect(applicationRunState({ ...app, edition: 'standard', freeExhaustedAt: new Date() }, false)).toBe('running');
  });
  it('a suspended account stops all; disabled by hand is disabled', () => {
    expect(applicationRunState(app, true)).toBe('account_stopped');
    expect(applicationRunState({ ...app, enabled: false }, false)).toBe('disabled');
  });
  it('the overview says how many run and how many are suspended', () => {
    expect(describeRunStates(['running', 'running', 'free_exhausted'])).toBe('2 running, 1 suspended');
    expect(describeRunStates(['running', 'disabled'])).toBe('1 running, 1 disabled');
  });
});
