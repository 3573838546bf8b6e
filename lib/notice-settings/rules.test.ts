import { describe, expect, it } from 'vitest';
import { emailRecipients, emailWanted, isAccountStatusKind } from './rules';

describe('notice email rules', () => {
  it('send to the contacts, else to the owner', () => {
    expect(emailRecipients(['A@x.test', 'b@x.test', 'a@x.test'], 'owner@x.test')).toEqual(['a@x.test', 'b@x.test']);
    expect(emailRecipients([], 'Owner@x.test')).toEqual(['owner@x.test']);
    expect(emailRecipients([], null)).toEqual([]);
  });
  it('never let account-status notices be switched off', () => {
    const off = new Set(['account.suspended', 'bill.monthly']);
    expect(isAccountStatusKind('account.suspended')).toBe(true);
    expect(emailWanted('account.suspended', off)).toBe(true);
    expect(emailWanted('bill.monthly', off)).toBe(false);
    expect(emailWanted('package.expiring', off)).toBe(true);
  });
});
