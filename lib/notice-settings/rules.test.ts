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

describe('email kinds come from the notices catalogue', () => {
  it('list every kind exactly once, each with a label, and only account-status groups as always on', async () => {
    const { EMAIL_KIND_GROUPS } = await import('./kinds');
    const { NOTICE_KINDS } = await import('@/lib/notices/kinds');
    const listed = EMAIL_KIND_GROUPS.flatMap((g) => g.kinds.map((k) => k.kind));
    expect([...listed].sort()).toEqual([...NOTICE_KINDS].sort());
    expect(EMAIL_KIND_GROUPS.flatMap((g) => g.kinds).every((k) => k.label.length > 3)).toBe(true);
    expect(EMAIL_KIND_GROUPS.filter((g) => g.alwaysOn).flatMap((g) => g.kinds.map((k) => k.kind))).toEqual(NOTICE_KINDS.filter(isAccountStatusKind));
    expect(listed).toContain('webhook.disabled');
  });
});
